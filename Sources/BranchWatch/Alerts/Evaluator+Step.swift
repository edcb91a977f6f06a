// The working state of one evaluation: the engine state it changes, and its journal.

extension Evaluator {
    /// The state being changed, the journal of the changes, and what came out so far.
    struct Step {
        var state = EngineState()
        var journal = StateJournal(EngineState())
        let tracing: Bool
        let labels: LabelLookup
        /// The state column of each detector group, by the group's ordinal.
        var columns: [Int]
        var work = Evaluation()
        /// The series of the last admitted sample.
        private var lastID: Int32 = -1
        /// The newest timestamp any series has reported.
        var clock: Int64 = .min
        /// The last two timestamps turned into local time, newest first: the samples of one
        /// step share a timestamp, their series mostly last reported at the step before, and
        /// `localtime_r` costs more than the rest of a sample.
        private var localTimes: [(timestamp: Int64, local: Int64)] = []

        init(tracing: Bool, labels: @escaping LabelLookup, columns: [Int]) {
            self.tracing = tracing
            self.labels = labels
            self.columns = columns
        }

        /// Runs `body` on a step that holds `state` and `journal`, and returns its work.
        /// They are swapped in and out rather than copied: a copy would share the tables,
        /// and the first change would then duplicate every one of them.
        static func run(
            on state: inout EngineState, journal: inout StateJournal, tracing: Bool,
            labels: @escaping LabelLookup, _ body: (inout Step) -> Void
        ) -> Evaluation {
            var step = Step(tracing: tracing, labels: labels, columns: [])
            swap(&step.state, &state)
            swap(&step.journal, &journal)
            body(&step)
            swap(&step.state, &state)
            swap(&step.journal, &journal)
            return step.work
        }

        /// Where a sample's state sits: its series' number and key, and the column of the
        /// detector group at hand (nil for a sweep of silent series).
        struct Target {
            var id: Int32
            var key: SeriesKey
            var column: Int?
        }

        func detector(_ target: Target) -> DetectorState? {
            guard let column = target.column else { return nil }
            return state.columns[column][Int(target.id)]
        }

        /// Records a detector's new state. The series was touched when its sample was
        /// admitted, so the journal already holds the state before.
        mutating func setDetector(_ detector: DetectorState, _ target: Target) {
            guard let column = target.column else { return }
            state.columns[column][Int(target.id)] = detector
        }

        /// Records an in-order sample and returns what detectors see of it; nil for a
        /// late or conflicting sample, which is counted and left out.
        mutating func admit(_ sample: Sample, key: SeriesKey) -> (Int32, Observation)? {
            let id = seriesID(key)
            var series = state.seriesStates[Int(id)]
            // Samples within a batch are taken in time order, so an older one whose series
            // this journal touched goes back behind an earlier batch.
            if sample.timestamp < series.lastTimestamp && journal.hasTouched(id) {
                work.wentBackInTime = true
                return nil
            }
            switch series.arrival(of: sample) {
            case .late:
                work.late += 1
                work.refused.append(refusal(sample, series, isConflict: false))
                return nil
            case .conflict:
                work.late += 1
                work.conflicts += 1
                work.refused.append(refusal(sample, series, isConflict: true))
                return nil
            case .inOrder:
                break
            }
            let localTime = local(sample.timestamp)
            let gap =
                series.count > 0
                ? Observation.gap(
                    elapsed: sample.timestamp - series.lastTimestamp,
                    localElapsed: localTime - local(series.lastTimestamp)) : nil
            journal.touch(id, in: state)
            series.record(sample)
            state.seriesStates[Int(id)] = series
            work.applied += 1
            return (id, Observation(value: sample.value, localTime: localTime, gap: gap))
        }

        /// The number of `key`'s series. Files list their series in the same order at every
        /// time step, and numbers are handed out in the order series first come, so the
        /// series after the last sample's is tried before the hash table: one comparison of
        /// two keys, where a hash lookup in a table of many series is two cache misses.
        private mutating func seriesID(_ key: SeriesKey) -> Int32 {
            let guess = Int(lastID) + 1
            let id =
                guess < state.seriesCount && state.keys[guess] == key
                ? Int32(guess) : state.id(creating: key)
            lastID = id
            return id
        }

        /// `LocalTime.seconds(timestamp)`, remembered for the next samples.
        private mutating func local(_ timestamp: Int64) -> Int64 {
            for known in localTimes where known.timestamp == timestamp { return known.local }
            let local = LocalTime.seconds(timestamp)
            localTimes.insert((timestamp, local), at: 0)
            if localTimes.count > 2 { localTimes.removeLast() }
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
        mutating func judge(
            _ sample: Sample, _ target: Target, rule: Rule, scores: Scores?, row: Int?
        ) {
            guard let scores else { return }
            if let row { work.trace[row].scores[rule.name] = scores }
            let alertKey = AlertKey(rule: rule.name, series: target.key)
            let stored = state.alert(alertKey, series: target.id)
            let current = stored ?? AlertState()
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
                journal.touchAlert(alertKey, before: stored)
                if work.alertsBefore[alertKey] == nil {
                    work.alertsBefore[alertKey] = .some(stored)
                }
                state.setAlert(alert, for: alertKey)
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
