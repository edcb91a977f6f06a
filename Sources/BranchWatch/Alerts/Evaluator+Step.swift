// The working state of one evaluation: what changed so far, on top of the committed state.

extension Evaluator {
    /// Reads through the batch's changes to the committed state, and records results.
    struct Step {
        let base: EngineState
        let tracing: Bool
        let labels: LabelLookup
        var work = Evaluation()
        /// The newest timestamp any series has reported.
        var clock: Int64 = .min
        /// The last timestamp turned into local time, and that time: the samples of one
        /// step share a timestamp, and `localtime_r` costs more than the rest of a sample.
        private var localTime: (timestamp: Int64, local: Int64)?

        init(base: EngineState, tracing: Bool, labels: @escaping LabelLookup) {
            self.base = base
            self.tracing = tracing
            self.labels = labels
        }

        func series(_ key: SeriesKey) -> SeriesState? {
            work.changes.series[key] ?? base.series[key]
        }

        func detectorState(_ key: DetectorKey) -> DetectorState? {
            work.changes.detectors[key] ?? base.detectors[key]
        }

        /// Every series, the batch's version where it has one.
        func allSeries() -> [(SeriesKey, SeriesState)] {
            var merged = Array(work.changes.series.map { ($0.key, $0.value) })
            for (key, value) in base.series where work.changes.series[key] == nil {
                merged.append((key, value))
            }
            return merged
        }

        /// Records an in-order sample and returns what detectors see of it; nil for a
        /// late or conflicting sample, which is counted and left out.
        mutating func admit(_ sample: Sample, key: SeriesKey) -> Observation? {
            var state = series(key) ?? SeriesState()
            switch state.arrival(of: sample) {
            case .late:
                work.late += 1
                work.refused.append(refusal(sample, state, isConflict: false))
                return nil
            case .conflict:
                work.late += 1
                work.conflicts += 1
                work.refused.append(refusal(sample, state, isConflict: true))
                return nil
            case .inOrder:
                break
            }
            let localTime = local(sample.timestamp)
            let gap =
                state.count > 0
                ? Observation.gap(
                    elapsed: sample.timestamp - state.lastTimestamp,
                    localElapsed: localTime - LocalTime.seconds(state.lastTimestamp)) : nil
            state.record(sample)
            work.changes.series[key] = state
            work.applied += 1
            return Observation(value: sample.value, localTime: localTime, gap: gap)
        }

        /// `LocalTime.seconds(timestamp)`, remembered for the next sample.
        private mutating func local(_ timestamp: Int64) -> Int64 {
            if let known = localTime, known.timestamp == timestamp { return known.local }
            let local = LocalTime.seconds(timestamp)
            localTime = (timestamp, local)
            return local
        }

        private func refusal(_ sample: Sample, _ state: SeriesState, isConflict: Bool)
            -> RefusedSample
        {
            RefusedSample(
                sample: sample, lastTimestamp: state.lastTimestamp, lastValue: state.lastValue,
                isConflict: isConflict)
        }

        /// Opens a trace row for `sample` when tracing; returns its index. `value` is nil
        /// for a row about a series that did not report.
        mutating func startRow(_ sample: Sample, value: Double?) -> Int? {
            guard tracing else { return nil }
            work.trace.append(
                EvaluationRow(
                    timestamp: sample.timestamp, branch: sample.branch, metric: sample.metric,
                    value: value))
            return work.trace.count - 1
        }

        /// Applies one rule's verdict on `sample`; no scores (warm-up) means no change.
        mutating func judge(_ sample: Sample, rule: Rule, scores: Scores?, row: Int?) {
            judge(sample, key: sample.seriesKey, rule: rule, scores: scores, row: row)
        }

        /// `judge` with the sample's series key already made.
        mutating func judge(
            _ sample: Sample, key: SeriesKey, rule: Rule, scores: Scores?, row: Int?
        ) {
            guard let scores else { return }
            if let row { work.trace[row].scores[rule.name] = scores }
            let alertKey = AlertKey(rule: rule.name, series: key)
            let current = work.changes.alerts[alertKey] ?? base.alerts[alertKey] ?? AlertState()
            var alert = current
            let facts = AlertFacts(
                rule: rule.name, severity: rule.severity, branch: sample.branch,
                metric: sample.metric, timestamp: sample.timestamp, scores: scores,
                labels: labels(sample))
            let holds = rule.condition.holds(facts)
            let clears = current.phase == .firing ? rule.clearCondition?.holds(facts) : nil
            let transition = alert.observe(
                holds: holds, clears: clears, timing: rule.timing, at: sample.timestamp)
            if alert != current {
                work.changes.alerts[alertKey] = alert
            }
            guard let transition else { return }
            if let row, transition == .fired { work.trace[row].fired.insert(rule.name) }
            let status: AlertEvent.Status = transition == .resolved ? .resolved : .firing
            work.events.append(
                AlertEventBuilder.event(
                    status, rule: rule, facts: facts, isReminder: transition == .reminded))
        }
    }
}
