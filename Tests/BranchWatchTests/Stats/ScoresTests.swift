// Scores against a zero or flat baseline: default floors, and no percentage of nothing.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct ScoresTests {
    /// Rules with no floor set, one per detector type, replayed over four zeros and a 3.
    static let rules = """
        rules:
          - name: ewma
            metric: m
            detector: { type: ewma, warmup: 4 }
            when: z >= 2
            message: "{{value}} against {{expected}}: z {{z}}, {{pct_change}}"
            notify: [hook]
          - name: ewma-and-pct
            metric: m
            detector: { type: ewma, warmup: 4 }
            when: z >= 2 and pct_change >= -100%
            notify: [hook]
          - name: ewma-not-pct
            metric: m
            detector: { type: ewma, warmup: 4 }
            when: z >= 2 and not (pct_change < 50%)
            notify: [hook]
          - name: seasonal
            metric: m
            detector: { type: seasonal, by: none, warmup: 4 }
            when: z >= 2
            notify: [hook]
          - name: robust
            metric: m
            detector: { type: robust, window: 8, warmup: 4 }
            when: z >= 2
            notify: [hook]
          - name: cusum
            metric: m
            detector: { type: cusum, direction: up, warmup: 4, k: 0.5 }
            when: cusum >= 2
            notify: [hook]
          - name: poisson
            metric: m
            detector: { type: poisson, warmup: 4 }
            when: surprise >= 3
            notify: [hook]
        """

    func replay(_ values: [Double]) throws -> Backtest {
        let directory = try TemporaryDirectory()
        try TimeZoneSetting.apply("UTC")
        try directory.write("rules/r.yaml", ScoresTests.rules)
        let config = try ConfigLoader.load(
            try directory.write(
                "branchwatch.yaml",
                "timezone: UTC\ninbox: { path: inbox }\nrules: [rules/r.yaml]\n"
                    + "notifiers: { hook: { type: console } }\n"))
        let rows = values.enumerated().map { "2024-03-0\($0.offset + 1),b,m,\(Int($0.element))" }
        let data = try directory.write(
            "history.csv", (["timestamp,branch,metric,value"] + rows).joined(separator: "\n"))
        return Backtest(
            rules: config.rules, samples: try BacktestInput.read(data, plain: nil).samples)
    }

    @Test func aThreeAfterFourZerosScoresAgainstAFloorOfOneUnit() throws {
        let backtest = try replay([0, 0, 0, 0, 3])
        let last = try #require(backtest.evaluation.trace.last)
        for name in ["ewma", "seasonal", "robust", "cusum"] {
            let scores = try #require(last.scores[name], "\(name) scored")
            #expect(scores.expected == 0, "\(name)")
            #expect(scores.std == 1, "\(name): the default floor is one unit")
            #expect(scores.z == 3, "\(name)")
            #expect(scores.pctChange.isNaN, "\(name): no percentage of an expected 0")
        }
        let cusum = try #require(last.scores["cusum"])
        #expect(cusum.cusum == 2.5)
        // The rate is floored at `min_rate` 0.1, so the change is relative to that.
        let poisson = try #require(last.scores["poisson"])
        #expect(poisson.expected == 0.1)
        #expect(abs(poisson.pctChange - 29) < 1e-12)
    }

    @Test func comparisonsOnAnUndefinedChangeAreFalseAndTemplatesSayNA() throws {
        let backtest = try replay([0, 0, 0, 0, 3])
        let fired = Set(backtest.evaluation.events.map(\.rule))
        #expect(fired == ["ewma", "ewma-not-pct", "seasonal", "robust", "cusum", "poisson"])
        let event = try #require(backtest.evaluation.events.first { $0.rule == "ewma" })
        #expect(event.message == "3 against 0: z 3.0, n/a")
    }

    @Test func relativeChangeOfNothingExpectedIsNotANumber() {
        #expect(Scores.relativeChange(3, against: 0).isNaN)
        #expect(Scores.relativeChange(0, against: 0).isNaN)
        #expect(Scores.relativeChange(90, against: 100) == -0.1)
        #expect(Scores.relativeChange(-90, against: -100) == 0.1)
    }

    @Test func aPeerWithAZeroBaselineHasNoChangeToCompare() {
        let detector = PeerDetector(
            slots: .none, parameters: EWMAParameters(alpha: 0.2, warmup: 2, minStd: 0.05))
        var state = PeerState()
        for day in 0..<3 {
            let observation = Observation(value: 0, localTime: Int64(day) * 86_400)
            state = detector.updated(state, with: observation, peerMedian: nil)
        }
        let three = Observation(value: 3, localTime: 3 * 86_400)
        #expect(detector.ownChange(three, state: state) == nil)
        #expect(detector.score(three, state: state, peerMedian: 0.1, peerCount: 5) == nil)
    }
}
