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
        /// First firing messages sent; reminders and muted events are counted apart.
        public var alerts: Int
        /// Distinct branches with at least one firing sent.
        public var branches: Int
        /// "Still firing" reminders sent.
        public var reminders = 0
        /// Firings and reminders muted by inhibition.
        public var muted = 0
        /// For each branch with a metric the rule watches, the months (30.44 days) from its
        /// first to its last value of any such metric, summed over branches.
        public var branchMonths: Double
        /// The same months summed over series (branch and metric): a rule watching four
        /// metrics of one branch counts each month four times.
        public var seriesMonths: Double

        /// Firing events per branch-month of data.
        public var alertsPerBranchMonth: Double {
            branchMonths > 0 ? Double(alerts) / branchMonths : 0
        }
    }

    /// One summary per rule, in rule order.
    public var summaries: [RuleSummary] {
        let tallies = deliveryTallies
        return rules.map { rule in
            let tally = tallies[rule.name] ?? DeliveryTally()
            let watched = spans.filter { rule.metrics.contains($0.key.metric) }
            var branchSpans: [String: ClosedRange<Int64>] = [:]
            for (series, span) in watched {
                let merged = branchSpans[series.branch].map {
                    min($0.lowerBound, span.lowerBound)...max($0.upperBound, span.upperBound)
                }
                branchSpans[series.branch] = merged ?? span
            }
            var summary = RuleSummary(
                rule: rule.name, alerts: tally.firings, branches: tally.branches.count,
                branchMonths: Self.months(branchSpans.values),
                seriesMonths: Self.months(watched.values))
            summary.reminders = tally.reminders
            summary.muted = tally.muted
            return summary
        }
    }

    /// Days covered by `spans`, both ends included, in months of 30.4375 days.
    private static func months<Spans: Sequence>(_ spans: Spans) -> Double
    where Spans.Element == ClosedRange<Int64> {
        spans.reduce(0.0) { $0 + Double($1.upperBound - $1.lowerBound + 86_400) / 86_400 }
            / 30.4375
    }
}
