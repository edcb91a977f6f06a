// A stop request during a scan ends it between files: the file in hand is finished, the
// rest stay in the inbox, and the next start applies them.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

/// Always readable; answers `.stop` from its `stopAt`-th question on, nothing before.
final class StopOnQuestion: ControlSource {
    let descriptor: Int32
    private let stopAt: Int
    private(set) var questions = 0

    init(stopAt: Int) throws {
        self.stopAt = stopAt
        let stop = try StopSignal()
        descriptor = dup(stop.descriptor)
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    deinit {
        close(descriptor)
    }

    func takeRequests() -> [ControlRequest] {
        questions += 1
        return questions >= stopAt ? [.stop] : []
    }
}

@Suite struct GracefulStopTests {
    @Test func aStopDuringTheScanFinishesTheFileInHandAndKeepsTheRest() throws {
        let directory = try TemporaryDirectory("bw-stop")
        try directory.write("rules/sales.yaml", SystemdNotifyTests.rule)
        let path = try directory.write("branchwatch.yaml", SystemdNotifyTests.config)
        for day in 1...3 {
            try directory.write(
                "inbox/day-\(day).csv",
                "timestamp,branch,metric,value\n2024-03-0\(day),B07,sales,10\n")
        }
        let config = try ConfigLoader.load(path)
        let logger = Logger(subsystem: "test", level: .error)

        // The engine asks before each file; the second answer is "stop".
        let control = try StopOnQuestion(stopAt: 2)
        var becameReady = false
        // In a scope of its own, so the daemon lets go of the state before the restart.
        do {
            let daemon = try Daemon(config: config, logger: logger)
            try daemon.run(until: control) { becameReady = true }
        }
        #expect(!becameReady, "a stop before the scan ends means no READY")
        #expect(directory.files(in: "inbox/done") == ["day-1.csv"])
        #expect(directory.files(in: "inbox/processing").isEmpty)
        #expect(
            directory.files(in: "inbox").filter { $0.hasSuffix(".csv") } == [
                "day-2.csv", "day-3.csv",
            ])

        let restarted = try Daemon(config: config, logger: logger)
        #expect(restarted.runOnce().filesApplied == 2)
        #expect(
            restarted.engine.state.series[SeriesKey(branch: "B07", metric: "sales")]?.count == 3)
    }
}
