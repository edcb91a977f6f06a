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

    @Test func newRulesTakeEffectWithoutRefiringWhatAlreadyFires() throws {
        let fixture = try RuleFixture(rules: Self.rules(named: "high"))
        let engine = try Engine(
            config: fixture.config, logger: Logger(subsystem: "test", level: .critical))
        try fixture.directory.write("inbox/a.csv", Self.drop([50, 120], from: 0))
        engine.processPendingFiles()
        #expect(try engine.store.outboxCount() == 1)

        // A broken edit is refused by the loader and the engine keeps its rules.
        try fixture.directory.write(
            "rules/r.yaml",
            Self.rules(named: "high").replacingOccurrences(of: "value > 100", with: "value >> 100"))
        #expect(throws: ConfigError.self) { try ConfigLoader.load(fixture.config.file) }

        // A good edit: the threshold moves and a second rule joins; statistics and the
        // firing alert carry over, so day 2 (still above both thresholds) sends nothing new.
        try fixture.directory.write(
            "rules/r.yaml",
            Self.rules(named: "high").replacingOccurrences(of: "value > 100", with: "value > 110")
                + "\n"
                + Self.rules(named: "higher").replacingOccurrences(of: "rules:\n", with: "")
                .replacingOccurrences(of: "value > 100", with: "value > 125"))
        engine.adoptRules(from: try ConfigLoader.load(fixture.config.file))
        #expect(engine.config.rules.map(\.name) == ["high", "higher"])
        try fixture.directory.write("inbox/b.csv", Self.drop([120, 130, 105], from: 2))
        engine.processPendingFiles()
        let entries = try engine.store.outboxEntries()
        let day = { (offset: Int64) in RuleFixture.start + offset * 86_400 }
        // Day 3 brings `high` its due reminder (repeat: 2d from day 1), not a new firing.
        #expect(
            entries.map(\.eventKey) == [
                "high/B07/sales/firing/\(day(1))", "high/B07/sales/firing/\(day(3))",
                "higher/B07/sales/firing/\(day(3))", "high/B07/sales/resolved/\(day(4))",
                "higher/B07/sales/resolved/\(day(4))",
            ])
        #expect(entries[1].payload.contains(#""reminder":true"#))
        #expect(!entries[2].payload.contains("reminder"))
        let series = engine.state.series[SeriesKey(branch: "B07", metric: "sales")]
        #expect(series?.count == 5)
    }
}
