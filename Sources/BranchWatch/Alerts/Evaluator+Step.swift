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

        /// `samples` is the batch's size: with it the change tables are sized up front.
        init(base: EngineState, tracing: Bool, labels: @escaping LabelLookup, samples: Int = 0) {
            self.base = base
            self.tracing = tracing
            self.labels = labels
            // A batch mostly touches series the state already has, at most one per sample.
            // Sized up front, the change tables do not grow mid-batch, and growing rehashes
            // every key (two or three strings each) once more.
            work.changes.series.reserveCapacity(min(samples, base.series.count))
            work.changes.detectors.reserveCapacity(min(samples, base.detectors.count))
        }

        func series(_ key: SeriesKey) -> SeriesState? {
            work.changes.series[key] ?? base.series[key]
        }

        func detectorState(_ key: DetectorKey) -> DetectorState? {
            work.changes.detectors[key] ?? base.detectors[key]
        }

        /// `detectorState`, with where the batch's version sits to update it in place.
        func detectorEntry(_ key: DetectorKey)
            -> (state: DetectorState?, slot: [DetectorKey: DetectorState].Index?)
        {
            if let slot = work.changes.detectors.index(forKey: key) {
                return (work.changes.detectors.values[slot], slot)
            }
            return (base.detectors[key], nil)
        }

        /// Records a detector's new state where `detectorEntry` found it, without hashing
        /// its key again when the batch already had it.
        mutating func setDetector(
            _ state: DetectorState, key: DetectorKey,
            slot: [DetectorKey: DetectorState].Index?
        ) {
            if let slot {
                work.changes.detectors.values[slot] = state
            } else {
                work.changes.detectors[key] = state
            }
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
            // One probe of the batch's table; a hit is then updated in place.
            let slot = work.changes.series.index(forKey: key)
            var state =
                slot.map { work.changes.series.values[$0] } ?? base.series[key] ?? SeriesState()
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
            if let slot {
                work.changes.series.values[slot] = state
            } else {
                work.changes.series[key] = state
            }
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
