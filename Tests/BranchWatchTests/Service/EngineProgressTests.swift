// A large file reports progress between its batches: to the observer and to systemd.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

/// Records what the engine tells its observer.
final class ProgressRecorder: EngineObserver {
    var reads: [String] = []

    func engineShouldContinue(_ engine: Engine) -> Bool { true }
    func engine(_ engine: Engine, finished name: String, outcome: FileOutcome) {}
    func engine(_ engine: Engine, committed samples: [Sample], events: [AlertEvent]) {}
    func engine(_ engine: Engine, reading name: String, rows: Int) {
        reads.append("\(name):\(rows)")
    }
}

@Suite struct EngineProgressTests {
    static let rows =
        "timestamp,branch,metric,value\n"
        + (1...9).map { "2024-03-0\($0),B07,sales,\($0)\n" }.joined()

    @Test func eachBatchOfAFileIsReportedBeforeTheFileCommits() throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/sales.yaml", SystemdNotifyTests.rule)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox, batch_rows: 4 }
            rules: [rules/*.yaml]
            notifiers: { console: { type: console } }
            """)
        try directory.write("inbox/big.csv", Self.rows)
        let engine = try Engine(config: try ConfigLoader.load(path), logger: LogLines().logger())
        let recorder = ProgressRecorder()
        engine.observer = recorder
        engine.processPendingFiles()
        #expect(recorder.reads == ["big.csv:4", "big.csv:8", "big.csv:9"])
    }

    @Test func theDaemonSaysHowFarALargeFileGotBeforeReady() throws {
        let directory = try TemporaryDirectory("bw-progress")
        try directory.write("rules/sales.yaml", SystemdNotifyTests.rule)
        let configPath = try directory.write(
            "branchwatch.yaml",
            SystemdNotifyTests.config.replacingOccurrences(
                of: "inbox: { path: inbox }", with: "inbox: { path: inbox, batch_rows: 4 }"))
        try directory.write("inbox/big.csv", Self.rows)
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        let daemon = try DaemonProcess(
            ["run", "--config", configPath], environment: ["NOTIFY_SOCKET": socket.path])
        let ready = try #require(socket.waitForMessage(with: "READY=1"), "\(daemon.standardError)")
        let progress = socket.messages.prefix(ready).filter { $0.contains("rows read so far") }
        // STATUS lines are held to two a second, so which counts show depends on timing;
        // at least one must say how far the file got before READY.
        #expect(progress.contains { $0.hasPrefix("STATUS=applying big.csv: ") }, "\(progress)")
    }
}
