// The whole path, for real: drop files into an inbox watched with inotify, SQLite state,
// and alerts posted with libcurl to an HTTP sink on 127.0.0.1 that the test runs.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct EndToEndTests {
    /// Ten quiet days at branch B07, then nothing unusual at B08.
    static let history = (1...10).map { day in
        let value = day % 2 == 0 ? 11 : 9
        return "2024-03-\(String(format: "%02d", day)),B07,sales,\(value)\n"
            + "2024-03-\(String(format: "%02d", day)),B08,sales,\(value)\n"
    }.joined()

    static let spike = "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n"
    static let calm = "timestamp,branch,metric,value\n2024-03-12,B07,sales,10\n"

    /// A config whose `hook` notifier posts plain JSON and whose `chat` posts Slack text.
    static func writeConfig(in directory: TemporaryDirectory, sink: HTTPSink) throws -> Config {
        try directory.write(
            "rules/sales.yaml",
            SalesJumpRule.text(notify: ["hook", "chat"]))
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              hook: { type: webhook, url: "\(sink.url("/hook"))" }
              chat: { type: slack, url: "\(sink.url("/slack"))" }
            delivery: { timeout: 5s, once_deadline: 5s }
            log_level: error
            """)
        return try ConfigLoader.load(path)
    }

    static let quietLogger = Logger(subsystem: "test", level: .error)

    @Test func alertArrivesThenResolvesAndARestartSendsNothingTwice() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink()
        defer { sink.stop() }
        let config = try Self.writeConfig(in: directory, sink: sink)
        try directory.write("inbox/history.csv", "timestamp,branch,metric,value\n" + Self.history)

        let daemon = try DaemonHarness(config: config, logger: Self.quietLogger)
        #expect(directory.files(in: "inbox/done") == ["history.csv"])
        #expect(sink.requests.isEmpty, "history alone must not alert")

        // Written in place: inotify reports close-after-write.
        try directory.write("inbox/spike.csv", Self.spike)
        let fired = sink.waitForRequests(2)
        try #require(fired.count == 2)
        let hook = try #require(fired.first { $0.path == "/hook" }?.json)
        #expect(hook["status"] as? String == "firing")
        #expect(hook["rule"] as? String == "sales-jump")
        #expect(hook["branch"] as? String == "B07")
        #expect(hook["metric"] as? String == "sales")
        #expect(hook["value"] as? Double == 60)
        #expect(hook["severity"] as? String == "critical")
        let slack = try #require(fired.first { $0.path == "/slack" }?.json)
        let text = try #require(slack["text"] as? String)
        #expect(text.contains("B07 sold 60"), "slack text was: \(text)")

        // Renamed in: inotify reports moved-in; the .tmp name itself is ignored.
        let temporary = try directory.write("inbox/calm.csv.tmp", Self.calm)
        try FileManager.default.moveItem(
            atPath: temporary, toPath: directory.path + "/inbox/calm.csv")
        let resolved = sink.waitForRequests(4)
        try #require(resolved.count == 4)
        let resolvedHook = try #require(resolved.dropFirst(2).first { $0.path == "/hook" }?.json)
        #expect(resolvedHook["status"] as? String == "resolved")
        #expect(resolvedHook["branch"] as? String == "B07")
        try daemon.stop()

        // A restart over the same state: nothing is re-sent, no file is applied again,
        // and the same export under another name is recognised by its content.
        try directory.write("inbox/spike-again.csv", Self.spike)
        let restarted = try Daemon(config: config, logger: Self.quietLogger)
        let summary = restarted.runOnce()
        #expect(summary.delivered == 0)
        #expect(summary.undelivered == 0)
        #expect(try restarted.engine.store.appliedFileCount() == 3)
        #expect(directory.files(in: "inbox/done").contains("spike-again.csv"))
        #expect(sink.requests.count == 4)
        let series = SeriesKey(branch: "B07", metric: "sales")
        #expect(restarted.engine.state.series[series]?.count == 12)
    }
}
