// Alerts survive restarts with their timing, and those of removed rules do not linger.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct RuleChangeTests {
    static func rules(named name: String) -> String {
        """
        rules:
          - name: \(name)
            metric: sales
            detector: { type: ewma, warmup: 1 }
            when: value > 100
            repeat: 2d
            notify: [hook]
        """
    }

    static func drop(_ values: [Double], from day: Int) -> String {
        "timestamp,branch,metric,value\n"
            + RuleFixture.daily(values, from: day).map {
                "\($0.timestamp),\($0.branch),\($0.metric),\(Int($0.value))"
            }.joined(separator: "\n") + "\n"
    }

    @Test func repeatCountsFromTheLastMessageAcrossARestart() throws {
        let fixture = try RuleFixture(rules: Self.rules(named: "high"))
        let quiet = Logger(subsystem: "test", level: .critical)
        try fixture.directory.write("inbox/a.csv", Self.drop([50, 120, 120], from: 0))
        do {
            let engine = try Engine(config: fixture.config, logger: quiet)
            engine.processPendingFiles()
        }
        try fixture.directory.write("inbox/b.csv", Self.drop([120, 120], from: 3))
        let engine = try Engine(config: fixture.config, logger: quiet)
        let key = AlertKey(rule: "high", series: SeriesKey(branch: "B07", metric: "sales"))
        #expect(engine.state.alerts[key]?.lastSent == RuleFixture.start + 86_400)
        engine.processPendingFiles()
        // Fired on day 1; the reminder is due on day 3, which came after the restart.
        let keys = try engine.store.outboxEntries().map(\.eventKey)
        #expect(keys.count == 2, "\(keys)")
        #expect(engine.state.alerts[key]?.lastSent == RuleFixture.start + 3 * 86_400)
    }

    @Test func firingAlertOfARenamedRuleIsDroppedWithALogLine() throws {
        let fixture = try RuleFixture(rules: Self.rules(named: "high"))
        try fixture.directory.write("inbox/a.csv", Self.drop([50, 120], from: 0))
        do {
            let engine = try Engine(
                config: fixture.config, logger: Logger(subsystem: "test", level: .critical))
            engine.processPendingFiles()
            #expect(engine.state.alerts.values.map(\.phase) == [.firing])
        }
        try fixture.directory.write("rules/r.yaml", Self.rules(named: "high-sales"))
        let renamed = try ConfigLoader.load(fixture.config.file)
        let capture = LogCapture()
        let engine = try Engine(config: renamed, logger: capture.logger(level: .info))
        #expect(engine.state.alerts.isEmpty)
        let line = capture.lines.first { $0.contains("firing alert dropped") }
        #expect(
            line?.hasSuffix(
                "firing alert dropped without a resolved message branch=B07 metric=sales "
                    + "phase=firing reason=\"rule \\\"high\\\" is no longer in the rule files "
                    + "(removed or renamed)\" rule=high\n") == true, "\(capture.lines)")
        // Gone from the database too: a later start finds nothing to drop.
        let again = try StateStore(path: renamed.databasePath).loadState()
        #expect(again.alerts.isEmpty)
    }
}
