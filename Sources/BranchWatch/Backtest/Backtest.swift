// Replays history through the daemon's evaluator and tallies what each rule would have sent.

/// A replay of samples through the rules, with every score kept.
///
/// It runs `Evaluator` — the code `Engine` runs for each drop file — from an empty
/// state, so the scores and alerts are the ones the daemon would have produced had it
/// been fed the same samples.
public struct Backtest: Sendable {
    public let rules: [Rule]
    public let evaluation: Evaluation
    /// First and last timestamp of each series, for branch-months.
    public let spans: [SeriesKey: ClosedRange<Int64>]

    /// Replays `samples` through `rules`.
    public init(rules: [Rule], samples: [Sample]) {
        self.rules = rules
        evaluation = Evaluator(rules: rules).evaluate(samples, base: EngineState(), tracing: true)
        var spans: [SeriesKey: ClosedRange<Int64>] = [:]
        for sample in samples {
            let time = sample.timestamp
            let span = spans[sample.seriesKey].map {
                min($0.lowerBound, time)...max($0.upperBound, time)
            }
            spans[sample.seriesKey] = span ?? time...time
        }
        self.spans = spans
    }

    /// What one rule would have sent over the replay.
    public struct RuleSummary: Sendable, Equatable {
        public var rule: String
        /// Firing events.
        public var alerts: Int
        /// Distinct branches with at least one firing event.
        public var branches: Int
        /// Months of data (30.44 days) summed over the series the rule watches.
        public var branchMonths: Double

        /// Firing events per branch-month of data.
        public var alertsPerBranchMonth: Double {
            branchMonths > 0 ? Double(alerts) / branchMonths : 0
        }
    }

    /// One summary per rule, in rule order.
    public var summaries: [RuleSummary] {
        rules.map { rule in
            let fired = evaluation.events.filter { $0.rule == rule.name && $0.status == .firing }
            let days = spans.filter { rule.metrics.contains($0.key.metric) }.values.reduce(0.0) {
                $0 + Double($1.upperBound - $1.lowerBound + 86_400) / 86_400
            }
            return RuleSummary(
                rule: rule.name, alerts: fired.count, branches: Set(fired.map(\.branch)).count,
                branchMonths: days / 30.4375)
        }
    }
}
