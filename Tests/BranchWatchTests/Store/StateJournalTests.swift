// A file evaluated in place can be undone, and its commit writes only what it touched.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct StateJournalTests {
    static let quiet: [Double] = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11]

    func fixture() throws -> RuleFixture {
        try RuleFixture(rules: SalesJumpRule.text(notify: ["hook"]))
    }

    @Test func undoPutsBackSeriesDetectorsAndAlertsAndForgetsNewSeries() throws {
        let evaluator = Evaluator(rules: try fixture().config.rules)
        var state = EngineState()
        _ = evaluator.evaluate(RuleFixture.daily(Self.quiet), into: &state)
        let series = state.series
        let detectors = state.detectors
        let alerts = state.alerts

        var journal = StateJournal(state)
        let spike = RuleFixture.daily([60], from: Self.quiet.count)
        let newcomer = RuleFixture.daily([5, 6], branch: "B08")
        let evaluation = evaluator.evaluate(spike + newcomer, into: &state, journal: &journal)
        // The spike fired, so the alert table and the series both changed.
        #expect(evaluation.events.map(\.status) == [.firing])
        #expect(state.seriesCount == 2)
        #expect(state.alerts != alerts)

        journal.undo(&state)
        #expect(state.seriesCount == 1)
        #expect(state.series == series)
        #expect(state.detectors == detectors)
        #expect(state.alerts == alerts)
        // The undone state scores the spike again exactly as the first time.
        let again = evaluator.evaluate(spike, into: &state)
        #expect(again.events.map(\.status) == [.firing])
    }

    @Test func aCommitWritesOnlyTheSeriesItsFileTouched() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let evaluator = Evaluator(rules: try fixture().config.rules)
        var state = EngineState()
        let first =
            RuleFixture.daily(Self.quiet, branch: "B01")
            + RuleFixture.daily(Self.quiet, branch: "B02")
        _ = evaluator.evaluate(first, into: &state)
        try store.database.transaction { try store.save(state) }
        // A marker in B02's row shows whether the next commit writes that row again.
        try store.database.execute("UPDATE series SET sample_count = 999 WHERE branch = 'B02'")

        var journal = StateJournal(state)
        let next = RuleFixture.daily([10], branch: "B01", from: Self.quiet.count)
        _ = evaluator.evaluate(next, into: &state, journal: &journal)
        try store.database.transaction { try store.save(state, journal: journal) }

        let loaded = try store.loadState()
        #expect(loaded.series[SeriesKey(branch: "B01", metric: "sales")]?.count == 11)
        #expect(loaded.series[SeriesKey(branch: "B02", metric: "sales")]?.count == 999)
    }
}
