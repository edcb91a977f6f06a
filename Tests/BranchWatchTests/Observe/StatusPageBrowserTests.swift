// /status of the real binary, rendered by headless Chromium: the alerted branch and its chart.
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
        #expect(daemon.stop() == 0)
    }

    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts").path
}
