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
        /// Distinct branches with at least one firing event.
        public var branchesAlerted: Int
        /// Branches with a metric the rule watches that it scored at least once.
        public var branchesScored: Int
        /// Branches with a metric the rule watches that it never scored (warm-up never
        /// ended, or a `peer` rule found no group or too few peers), sorted.
        public var branchesNeverScored: [String]
        /// For each branch the rule scored, the months (30.44 days) from its first to its
        /// last value of any metric the rule watches, summed over branches. Branches never
        /// scored are left out: they could not have alerted.
        /// "Still firing" reminders sent.
        public var reminders = 0
        /// Firings and reminders muted by inhibition.
        public var muted = 0
        public var branchMonths: Double
        /// The months of the branches never scored, left out of `branchMonths`.
        public var unscoredBranchMonths: Double
        /// The same months summed over scored series (branch and metric): a rule watching
        /// four metrics of one branch counts each month four times.
        public var seriesMonths: Double

        /// Firing events per branch-month of data.
        public var alertsPerBranchMonth: Double {
            branchMonths > 0 ? Double(alerts) / branchMonths : 0
        }
    }

    /// One summary per rule, in rule order.
    public var summaries: [RuleSummary] {
        var scored: [String: Set<SeriesKey>] = [:]
        for row in evaluation.trace {
            for rule in row.scores.keys {
                scored[rule, default: []].insert(
                    SeriesKey(branch: row.branch, metric: row.metric))
            }
        }
        let tallies = deliveryTallies
        return rules.map { rule in
            let tally = tallies[rule.name] ?? DeliveryTally()
            let watched = spans.filter { rule.metrics.contains($0.key.metric) }
            let scoredSeries = scored[rule.name] ?? []
            let scoredBranches = Set(scoredSeries.map(\.branch))
            let branchSpans = Self.branchSpans(watched)
            var summary = RuleSummary(
                rule: rule.name, alerts: tally.firings,
                branchesAlerted: tally.branches.count,
                branchesScored: scoredBranches.count,
                branchesNeverScored: branchSpans.keys.filter { !scoredBranches.contains($0) }
                    .sorted(),
                branchMonths: Self.months(
                    branchSpans.filter { scoredBranches.contains($0.key) }.values),
                unscoredBranchMonths: Self.months(
                    branchSpans.filter { !scoredBranches.contains($0.key) }.values),
                seriesMonths: Self.months(
                    watched.filter { scoredSeries.contains($0.key) }.values))
            summary.reminders = tally.reminders
            summary.muted = tally.muted
            return summary
        }
    }

    /// Each branch's first to last value over the series in `watched`.
    private static func branchSpans(_ watched: [SeriesKey: ClosedRange<Int64>])
        -> [String: ClosedRange<Int64>]
    {
        var branchSpans: [String: ClosedRange<Int64>] = [:]
        for (series, span) in watched {
            let merged = branchSpans[series.branch].map {
                min($0.lowerBound, span.lowerBound)...max($0.upperBound, span.upperBound)
            }
            branchSpans[series.branch] = merged ?? span
        }
        return branchSpans
    }

    /// Days covered by `spans`, both ends included, in months of 30.4375 days.
    private static func months<Spans: Sequence>(_ spans: Spans) -> Double
    where Spans.Element == ClosedRange<Int64> {
        spans.reduce(0.0) { $0 + Double($1.upperBound - $1.lowerBound + 86_400) / 86_400 }
            / 30.4375
    }
}
