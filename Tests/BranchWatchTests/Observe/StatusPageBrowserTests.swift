// /status of the real binary, rendered by headless Chromium: the alerted branch and its chart.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct StatusPageBrowserTests {
    static let history =
        "timestamp,branch,metric,value\n"
        + (1...10).map { day in
            let date = "2024-03-\(String(format: "%02d", day))"
            return "\(date),B07,sales,\(9 + day % 2 * 2)\n\(date),B08,sales,10\n"
        }.joined()

    @Test func chromiumShowsTheAlertedBranchWithItsChartAndNoConsoleErrors() throws {
        let directory = try TemporaryDirectory("bw-status")
        try directory.write("rules/sales.yaml", SystemdNotifyTests.rule)
        let config = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              console: { type: console }
            delivery: { stop_deadline: 0s }
            http: { listen: 127.0.0.1:0 }
            """)
        try directory.write("inbox/a-history.csv", Self.history)
        try directory.write(
            "inbox/b-spike.csv", "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n")
        // A silence added before the start, as `branchwatch silence add` would.
        try FileManager.default.createDirectory(
            atPath: directory.path + "/state", withIntermediateDirectories: true)
        _ = try StateStore(path: directory.path + "/state/branchwatch.sqlite").addSilence(
            Silence(
                branch: "B99", endsAt: WallClock.now() + 86_400, reason: "refit <closed>",
                createdBy: "ops", createdAt: WallClock.now()))
        let daemon = try ObservedDaemon(configPath: config, directory: directory)

        let profile = directory.path + "/chromium-profile"
        let chromium = try ToolRun.run(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--dump-dom", daemon.url("/status"),
            ])
        try #require(chromium.status == 0, "chromium failed: \(chromium.errors)")
        // Console messages (script errors, Content-Security-Policy violations) show here.
        let console = chromium.errors.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console: \(console)")

        let reader = Self.scripts + "/check_status_dom.py"
        let dom = try ToolRun.run("python3", [reader], input: chromium.output)
        try #require(dom.status == 0, "\(dom.errors)")
        let object = try JSONSerialization.jsonObject(with: Data(dom.output.utf8))
        let branches = try #require((object as? [String: Any])?["branches"] as? [String: Any])
        #expect(Array(branches.keys) == ["B07"], "only B07 alerts; B08 stayed flat")
        let figures = try #require(branches["B07"] as? [[String: Any]])
        try #require(figures.count == 1)
        #expect(figures[0]["rule"] as? String == "sales-jump")
        #expect(figures[0]["svg"] as? Bool == true)
        // Ten days of history and the spike, and the expected value as a dashed line.
        #expect(figures[0]["points"] as? Int == 11)
        #expect(figures[0]["baseline"] as? Bool == true)
        #expect(figures[0]["title"] as? String == "sales at B07: last 11 values")
        // The chart's range, from the quiet days' 9 to the spike's 60.
        #expect(figures[0]["axis"] as? [String: String] == ["max": "60", "min": "9"])
        let silences = try #require((object as? [String: Any])?["silences"] as? [[String]])
        #expect(silences.count == 1)
        #expect(silences.first?[1] == "branch=B99")
        #expect(silences.first?[3] == "ops")
        #expect(silences.first?[4] == "refit <closed>")
        #expect(daemon.stop() == 0)
    }

    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts").path
}
