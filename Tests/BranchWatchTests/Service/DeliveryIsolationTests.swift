// A chat server that never answers holds back neither ingest, nor other notifiers, nor a stop.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct DeliveryIsolationTests {
    /// A config whose rule notifies `hang` (a server that never answers) and, when given,
    /// `ok`; requests may take a minute.
    static func write(
        _ directory: TemporaryDirectory, hang: SlowSink, ok: HTTPSink?, stopDeadline: String
    ) throws -> String {
        let targets = ok == nil ? ["hang"] : ["hang", "ok"]
        try directory.write("rules/sales.yaml", SalesJumpRule.text(notify: targets))
        let okLine = ok.map { "  ok: { type: webhook, url: \"\($0.url("/ok"))\" }\n" } ?? ""
        return try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              hang: { type: webhook, url: "\(hang.url())" }
            \(okLine)delivery:
              timeout: 60s
              once_deadline: 60s
              stop_deadline: \(stopDeadline)
            """)
    }

    static let spike = "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n"
    static let calm = "timestamp,branch,metric,value\n2024-03-12,B07,sales,10\n"

    @Test func ingestAndAHealthyNotifierGoOnWhileAnotherHangs() throws {
        let directory = try TemporaryDirectory("bw-hang")
        let hang = try SlowSink(delay: nil)
        defer { hang.stop() }
        let ok = try HTTPSink()
        defer { ok.stop() }
        let path = try Self.write(directory, hang: hang, ok: ok, stopDeadline: "1s")
        try directory.write("inbox/1-history.csv", SystemdNotifyTests.history)
        try directory.write("inbox/2-spike.csv", Self.spike)
        let logs = LogCapture()
        let daemon = try DaemonHarness(
            config: try ConfigLoader.load(path), logger: logs.logger(level: .info))
        #expect(hang.waitForRequests(1) == 1)
        #expect(ok.waitForRequests(1).count == 1)

        // The hanging request stays open for a minute; the next drop is applied and its
        // "resolved" reaches the healthy notifier meanwhile.
        let dropped = Date()
        try directory.write("inbox/3-calm.csv.tmp", Self.calm)
        rename(directory.path + "/inbox/3-calm.csv.tmp", directory.path + "/inbox/3-calm.csv")
        let requests = ok.waitForRequests(2, timeout: 20)
        let resolvedAfter = Date().timeIntervalSince(dropped)
        #expect(requests.count == 2)
        #expect(requests.last?.body.contains(#""status":"resolved""#) == true)
        #expect(resolvedAfter < 2, "the healthy notifier waited \(resolvedAfter)s")

        let stopping = Date()
        try daemon.stop(timeout: 20)
        let stopTook = Date().timeIntervalSince(stopping)
        #expect(stopTook < 2.5, "stop took \(stopTook)s with stop_deadline 1s")
        // The unanswered messages stay for the next start.
        let store = try StateStore(path: directory.path + "/state/branchwatch.sqlite")
        #expect(try store.outboxEntries().map(\.notifier) == ["hang", "hang"])
    }

    /// Starts the binary over a spike, waits for its request to hang, sends SIGTERM and
    /// returns how long the exit took and the exit status.
    static func timeToExitAfterSIGTERM(_ arguments: [String]) throws -> (Double, Int32?) {
        let directory = try TemporaryDirectory("bw-term")
        let hang = try SlowSink(delay: nil)
        defer { hang.stop() }
        let path = try write(directory, hang: hang, ok: nil, stopDeadline: "1s")
        try directory.write("inbox/1-history.csv", SystemdNotifyTests.history)
        try directory.write("inbox/2-spike.csv", spike)
        let process = try DaemonProcess(arguments + ["--config", path])
        #expect(hang.waitForRequests(1, timeout: 20) == 1, "\(process.standardError)")
        let signalled = Date()
        process.send(SIGTERM)
        let status = process.waitForExit(timeout: 30)
        return (Date().timeIntervalSince(signalled), status)
    }

    @Test func runExitsSoonAfterStopDeadlineOnSIGTERMWhileARequestHangs() throws {
        let (took, status) = try Self.timeToExitAfterSIGTERM(["run"])
        #expect(status == 0)
        #expect(took < 2.5, "exit took \(took)s with stop_deadline 1s and timeout 60s")
    }

    @Test func runOnceExitsWithinASecondOnSIGTERMWhileARequestHangs() throws {
        let (took, status) = try Self.timeToExitAfterSIGTERM(["run", "--once"])
        #expect(status == 0)
        #expect(took < 1.5, "exit took \(took)s with once_deadline 60s")
    }
}
