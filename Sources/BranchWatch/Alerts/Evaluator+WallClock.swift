// Judges `absent` rules against the wall clock, so a feed that stops everywhere at once alerts.

extension Evaluator {
    /// True when some rule uses the `absent` detector.
    public var watchesAbsence: Bool { !absentGroups.isEmpty }

    /// Judges every `absent` rule at `now` (epoch seconds), for series whose whole feed has
    /// gone quiet: when the newest value of any series of a metric is itself old enough
    /// for the rule to hold, each series of that metric is judged with its age against
    /// `now`. No new value moves the data clock in that case, so `evaluate` never would.
    ///
    /// While any series of the metric still reports, nothing is judged here: ages stay on
    /// the data clock, and an export that always lags a day behind the wall clock does
    /// not make every series look a day older than it is (nor flap between the clocks).
    ///
    /// Limitation: the alert's times are `now`, while a later file's values carry their
    /// own (older) times; `for` and `repeat` durations that span both clocks are measured
    /// from the later of them.
    public func checkAbsence(
        at now: Int64, into state: inout EngineState, journal: inout StateJournal
    ) -> Evaluation {
        Step.run(on: &state, journal: &journal, tracing: false, labels: labels) { step in
            judgeSilentFeeds(at: now, into: &step)
        }
    }

    /// `checkAbsence(at:into:journal:)` on a copy of `base`.
    public func checkAbsence(at now: Int64, base: EngineState) -> Evaluation {
        var state = base
        var journal = StateJournal(state)
        return checkAbsence(at: now, into: &state, journal: &journal)
    }

    private func judgeSilentFeeds(at now: Int64, into step: inout Step) {
        var newest: [String: Int64] = [:]
        for (key, series) in zip(step.state.keys, step.state.seriesStates)
        where absentGroups[key.metric] != nil {
            newest[key.metric] = max(newest[key.metric] ?? .min, series.lastTimestamp)
        }
        let silent = step.state.keys.indices.filter { index in
            newest[step.state.keys[index].metric].map { $0 < now } ?? false
        }
        for index in silent.sorted(by: { step.state.keys[$0] < step.state.keys[$1] }) {
            let key = step.state.keys[index]
            let series = step.state.seriesStates[index]
            guard let feedClock = newest[key.metric], let groups = absentGroups[key.metric] else {
                continue
            }
            let sample = Sample(
                timestamp: now, branch: key.branch, metric: key.metric, value: series.lastValue)
            var feed = series
            feed.lastTimestamp = feedClock
            let target = Step.Target(id: Int32(index), key: key, column: nil)
            for rule in groups.flatMap(\.rules) {
                guard case .absent(let absent) = rule.detector,
                    let feedScores = absent.score(series: feed, clock: now),
                    rule.condition.holds(facts(sample, rule: rule, scores: feedScores)),
                    let scores = absent.score(series: series, clock: now)
                else { continue }
                step.judge(sample, target, rule: rule, scores: scores, row: nil)
            }
        }
    }

    private func facts(_ sample: Sample, rule: Rule, scores: Scores) -> AlertFacts {
        AlertFacts(
            rule: rule.name, severity: rule.severity, branch: sample.branch,
            metric: sample.metric, timestamp: sample.timestamp, scores: scores,
            labels: labels(sample))
    }
}
