// A one-shot run applies files written a moment before it started, after their settle time.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct RunOnceSettleTests {
    @Test func aFileWrittenJustBeforeRunOnceIsAppliedNotSkipped() throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/sales.yaml", SystemdNotifyTests.rule)
        let path = try directory.write(
            "branchwatch.yaml",
            SystemdNotifyTests.config.replacingOccurrences(
                of: "inbox: { path: inbox }", with: "inbox: { path: inbox, settle_time: 300ms }"))
        // Dated now, as a `cp` right before a cron job's run would leave it.
        try directory.write("inbox/fresh.csv", SystemdNotifyTests.history, age: 0)
        let daemon = try Daemon(
            config: try ConfigLoader.load(path), logger: Logger(subsystem: "test", level: .error))
        let summary = daemon.runOnce()
        #expect(summary.filesApplied == 1)
        #expect(directory.files(in: "inbox/done") == ["fresh.csv"])
    }
}
