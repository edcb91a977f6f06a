// Rules changed under a running daemon: SIGHUP applies a good edit, refuses a bad one,
// and an alert that already fires does not fire again.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct RuleReloadTests {
    /// `threshold` is the z a jump must reach; `tag` starts every firing message.
    static func rule(threshold: Int, tag: String) -> String {
        """
        rules:
          - name: sales-jump
            metric: sales
            detector: { type: ewma, alpha: 0.3, warmup: 5, min_std: 1 }
            when: z >= \(threshold) and value > expected
            message: "\(tag) {{branch}} sold {{value}}"
            notify: [console]
        """
    }

    /// Ten quiet days, alternating 11 and 9, for three branches.
    static let history =
        "timestamp,branch,metric,value\n"
        + (1...10).flatMap { day in
            ["B07", "B08", "B09"].map { branch in
                "2024-03-\(String(format: "%02d", day)),\(branch),sales,\(9 + day % 2 * 2)\n"
            }
        }.joined()

    static func drop(_ day: Int, _ values: [String: Int]) -> String {
        "timestamp,branch,metric,value\n"
            + values.keys.sorted().map { "2024-03-\(day),\($0),sales,\(values[$0] ?? 0)\n" }
            .joined()
    }

    static func count(_ text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    @Test func goodEditTakesEffectBadEditIsRefusedAndNothingFiresTwice() throws {
        let directory = try TemporaryDirectory("bw-reload")
        try directory.write("rules/sales.yaml", Self.rule(threshold: 4, tag: "v1"))
        let configPath = try directory.write("branchwatch.yaml", SystemdNotifyTests.config)
        try directory.write("inbox/history.csv", Self.history)
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        let daemon = try DaemonProcess(
            ["run", "--config", configPath], environment: ["NOTIFY_SOCKET": socket.path])
        defer { daemon.send(SIGKILL) }
        let ready = try #require(socket.waitForMessage(with: "READY=1"), "\(daemon.standardError)")

        // Day 11 under v1 (z >= 4): B07's 60 (z 50) fires; B08's 13 (z 3.1) does not.
        try directory.write("inbox/day-11.csv", Self.drop(11, ["B07": 60, "B08": 13]))
        #expect(daemon.waitForOutput(containing: "v1 B07 sold 60"), "\(daemon.standardError)")

        // A good edit: z >= 2, and messages tagged v2.
        try directory.write("rules/sales.yaml", Self.rule(threshold: 2, tag: "v2"))
        daemon.send(SIGHUP)
        let reloading = try #require(socket.waitForMessage(with: "RELOADING=1", after: ready))
        let reloaded = try #require(socket.waitForMessage(with: "READY=1", after: reloading))
        #expect(socket.messages[reloaded].contains("STATUS=config reloaded"))

        // Day 12: B07 at 200 still holds (z 7.6) and must not fire again; B09's 13
        // (z 3.1, as B08's was under v1) now fires under the new threshold.
        try directory.write("inbox/day-12.csv", Self.drop(12, ["B07": 200, "B09": 13]))
        #expect(daemon.waitForOutput(containing: "v2 B09 sold 13"), "\(daemon.standardError)")
        #expect(Self.count("sold 60", in: daemon.standardOutput) == 1)
        #expect(Self.count("B07 sold", in: daemon.standardOutput) == 1, "B07 fired twice")

        // A bad edit is refused with its place; the v2 rules go on.
        try directory.write(
            "rules/sales.yaml",
            Self.rule(threshold: 2, tag: "v3").replacingOccurrences(
                of: "when: z >= 2", with: "when: z >="))
        daemon.send(SIGHUP)
        let second = try #require(socket.waitForMessage(with: "RELOADING=1", after: reloaded))
        let refused = try #require(socket.waitForMessage(with: "READY=1", after: second))
        #expect(socket.messages[refused].contains("STATUS=reload refused"))
        #expect(daemon.waitForError(containing: "rules/sales.yaml"))
        #expect(daemon.waitForError(containing: "line=5"), "\(daemon.standardError)")

        // Day 13: B08's 16 (z 3.1 against a mean of 10.8 after its 13) fires, and says v2:
        // the refused v3 never took over.
        try directory.write("inbox/day-13.csv", Self.drop(13, ["B08": 16]))
        #expect(daemon.waitForOutput(containing: "v2 B08 sold 16"), "\(daemon.standardError)")
        #expect(!daemon.standardOutput.contains("B08 sold 13"), "v1 fired below its threshold")
        #expect(!daemon.standardOutput.contains("v3"))

        daemon.send(SIGTERM)
        #expect(daemon.waitForExit() == 0)
    }
}
