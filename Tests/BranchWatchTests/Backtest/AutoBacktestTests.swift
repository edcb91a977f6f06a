// The auto detector through the daemon's evaluator: a rule fires where the reference says.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct AutoBacktestTests {
    @Test func anomalyRuleFiresAtTheReferenceAlertPoints() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: sanitation
                metric: complaints_sanitation
                detector: { type: auto, warmup: 30 }
                when: anomaly >= 5.5
                notify: [hook]
            """)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { hook: { type: console } }
            """)
        let config = try ConfigLoader.load(path)
        try TimeZoneSetting.apply("UTC")
        let start: Int64 = 1_446_336_000  // 2015-11-01
        let samples = PoissonReference.queensSanitation.enumerated().map { day, value in
            Sample(
                timestamp: start + Int64(day) * 86_400, branch: "queens",
                metric: "complaints_sanitation", value: value)
        }
        let backtest = Backtest(rules: config.rules, samples: samples)
        let fired = backtest.evaluation.events.filter { $0.status == .firing }
        #expect(
            fired.map { Int(($0.timestamp - start) / 86_400) } == AutoReference.queensAlerts)
        // 2016-01-25, Winter Storm Jonas.
        #expect(fired.last.map { ISOTime.formatLocal($0.timestamp) } == "2016-01-25T00:00:00Z")
        let header = ScoreTable.columns(for: config.rules)
        #expect(
            header.suffix(8) == [
                "sanitation.expected", "sanitation.std", "sanitation.z", "sanitation.pct_change",
                "sanitation.anomaly", "sanitation.novel", "sanitation.reason", "sanitation",
            ])
    }
}
