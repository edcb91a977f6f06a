// Runs samples through the detectors and rules, updating the engine state in place.

/// What a batch of samples did: the alert events it caused, and its counts.
public struct Evaluation: Sendable {
    public var events: [AlertEvent] = []
    public var applied = 0
    /// Samples at or before their series' last applied timestamp.
    public var late = 0
    /// Late samples at exactly the last timestamp but with another value.
    public var conflicts = 0
    /// The late and conflicting samples themselves, for the rows report.
    public var refused: [RefusedSample] = []
    /// One row per evaluated sample or silent series, when the caller asked for a trace.
    public var trace: [EvaluationRow] = []
    /// True when a sample was older than one its series had in an earlier batch of the
    /// journal, so batch order would decide what is late: the evaluation stopped there, and
    /// the caller undoes the journal and evaluates the samples sorted by time.
    public var wentBackInTime = false
    /// The alerts the batch changed, each with its state before the batch (nil: none).
    public var alertsBefore: [AlertKey: AlertState?] = [:]

    /// Whether the alert of `key` was firing with its message muted before the batch;
    /// `state` is the state after it.
    public func wasMuted(_ key: AlertKey, after state: EngineState) -> Bool {
        let before = alertsBefore[key] ?? state.alerts[key]
        return before?.isMuted ?? false
    }
}

/// A sample not applied because its series already had one at or after its time.
public struct RefusedSample: Sendable, Equatable {
    public var sample: Sample
    /// The series' last applied timestamp and value when the sample arrived.
    public var lastTimestamp: Int64
    public var lastValue: Double
    /// Same instant as the last one, another value.
    public var isConflict: Bool
}

/// The scores and alerts of one evaluated sample, for replays.
public struct EvaluationRow: Sendable {
    public var timestamp: Int64
    public var branch: String
    public var metric: String
    /// Nil for a row about a series that did not report (the `absent` detector's rows).
    public var value: Double?
    /// Scores by rule name; a rule still warming up has none.
    public var scores: [String: Scores] = [:]
    /// Rules that fired on this row.
    public var fired: Set<String> = []
}

/// The labels of a sample, for conditions, templates and delivery decisions.
public typealias LabelLookup = @Sendable (Sample) -> [String: String]

/// Scores samples against the state before them and moves alerts through their lifecycle.
///
/// The daemon and replays use the same evaluator, so a replay sees what the daemon would.
/// Samples are taken in time order; those with equal timestamps form one step, in which
/// `peer` detectors compare each branch with the others of the step, and after which
/// `absent` detectors look for series that did not report.
public struct Evaluator: Sendable {
    /// The rules of one metric that share one detector state.
    ///
    /// A class: every sample goes through its groups, and a copy of a struct holding the
    /// rules would retain and release each of their many parts per sample.
    final class DetectorGroup: Sendable {
        /// Numbers the groups of one evaluator, to find each one's state column.
        let ordinal: Int
        let stateKey: String
        let spec: DetectorSpec
        let rules: [Rule]

        init(ordinal: Int, stateKey: String, spec: DetectorSpec, rules: [Rule]) {
            self.ordinal = ordinal
            self.stateKey = stateKey
            self.spec = spec
            self.rules = rules
        }

        /// This group with `rule` added.
        func adding(_ rule: Rule) -> DetectorGroup {
            DetectorGroup(ordinal: ordinal, stateKey: stateKey, spec: spec, rules: rules + [rule])
        }
    }

    let groupsByMetric: [String: [DetectorGroup]]
    /// The state key of each group, by ordinal.
    let groupStateKeys: [String]
    /// Metrics watched by an `absent` rule, with those groups.
    let absentGroups: [String: [DetectorGroup]]
    /// The labels conditions and templates see for a sample.
    let labels: LabelLookup

    /// Evaluates `rules`; `labels` gives each sample's labels (region, city, …), which
    /// conditions, templates, routes, silences and inhibition match against.
    public init(rules: [Rule], labels: @escaping LabelLookup = Evaluator.sampleLabels) {
        self.labels = labels
        var byMetric: [String: [DetectorGroup]] = [:]
        var stateKeys: [String] = []
        for rule in rules {
            for metric in rule.metrics {
                var groups = byMetric[metric, default: []]
                let key = rule.detector.stateKey
                if let index = groups.firstIndex(where: { $0.stateKey == key }) {
                    groups[index] = groups[index].adding(rule)
                } else {
                    groups.append(
                        DetectorGroup(
                            ordinal: stateKeys.count, stateKey: key, spec: rule.detector,
                            rules: [rule]))
                    stateKeys.append(key)
                }
                byMetric[metric] = groups
            }
        }
        groupsByMetric = byMetric
        groupStateKeys = stateKeys
        absentGroups = byMetric.compactMapValues { groups in
            let absent = groups.filter { if case .absent = $0.spec { true } else { false } }
            return absent.isEmpty ? nil : absent
        }
    }

    /// Evaluates `samples` in time order (stable for equal times), changing `state` in
    /// place and noting in `journal` what changed; with `tracing`, the result also holds
    /// every sample's scores.
    public func evaluate(
        _ samples: [Sample], into state: inout EngineState, journal: inout StateJournal,
        tracing: Bool = false
    ) -> Evaluation {
        Step.run(on: &state, journal: &journal, tracing: tracing, labels: labels) { step in
            step.columns = groupStateKeys.map { step.state.column(creating: $0) }
            step.clock = absentGroups.isEmpty ? .min : step.state.newestTimestamp
            let ordered = Evaluator.inTimeOrder(samples)
            var start = 0
            while start < ordered.count && !step.work.wentBackInTime {
                var end = start + 1
                while end < ordered.count && ordered[end].timestamp == ordered[start].timestamp {
                    end += 1
                }
                evaluateStep(ordered[start..<end], into: &step)
                start = end
            }
        }
    }

    /// `evaluate(_:into:journal:tracing:)` for callers that do not need the journal:
    /// replays, rule tests.
    public func evaluate(
        _ samples: [Sample], into state: inout EngineState, tracing: Bool = false
    ) -> Evaluation {
        var journal = StateJournal(state)
        return evaluate(samples, into: &state, journal: &journal, tracing: tracing)
    }

    /// Evaluates `samples` on a copy of `base`, for replays from a given state.
    public func evaluate(_ samples: [Sample], base: EngineState, tracing: Bool = false)
        -> Evaluation
    {
        var state = base
        return evaluate(samples, into: &state, tracing: tracing)
    }

    /// `samples` sorted by time, stable for equal times; exports are usually in order
    /// already, and then the samples are used as they are.
    static func inTimeOrder(_ samples: [Sample]) -> [Sample] {
        // By index: zipping the array with itself would copy two samples per comparison.
        let isOrdered = samples.indices.dropFirst().allSatisfy {
            samples[$0 - 1].timestamp <= samples[$0].timestamp
        }
        guard !isOrdered else { return samples }
        return samples.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }.map(\.element)
    }

    /// The labels a sample came with: its drop file's extra columns (region, city, …).
    public static let sampleLabels: LabelLookup = { $0.labels }

    // MARK: - One step: the samples of one timestamp

    private func evaluateStep(_ samples: ArraySlice<Sample>, into step: inout Step) {
        var peers = PeerBatch()
        for sample in samples {
            // Made once per sample rather than once per lookup.
            let key = sample.seriesKey
            guard let (id, observation) = step.admit(sample, key: key) else {
                if step.work.wentBackInTime { return }
                continue
            }
            let row = step.startRow(sample, value: sample.value)
            guard let groups = groupsByMetric[sample.metric] else { continue }
            // By index: a for-in loop would copy each group, and its rules, per sample.
            for index in groups.indices {
                let column = step.columns[groups[index].ordinal]
                let target = Step.Target(id: id, key: key, column: column)
                evaluate(
                    sample, target, observation, group: groups[index], row: row, peers: &peers,
                    into: &step)
            }
        }
        peers.resolve(into: &step)
        // Without absent rules the sweep finds nothing, and it walks every series.
        guard !absentGroups.isEmpty else { return }
        if let timestamp = samples.first?.timestamp, timestamp > step.clock {
            sweepAbsent(at: timestamp, into: &step)
            step.clock = timestamp
        }
    }

    private func evaluate(
        _ sample: Sample, _ target: Step.Target, _ observation: Observation,
        group: DetectorGroup, row: Int?, peers: inout PeerBatch, into step: inout Step
    ) {
        let stored = step.detector(target)
        switch group.spec {
        case .peer(let peer):
            let state = peer.startingState(stored, before: observation)
            peers.add(
                PeerBatch.Entry(
                    sample: sample, observation: observation, target: target, detector: peer,
                    state: state, group: group, row: row))
        case .absent(let absent):
            let state = step.state.seriesStates[Int(target.id)]
            for rule in group.rules {
                let scores = absent.score(series: state, clock: sample.timestamp)
                step.judge(sample, target, rule: rule, scores: scores, row: row)
            }
        default:
            guard group.spec.isPerValue else { return }
            for index in group.rules.indices {
                let scores = group.rules[index].detector.score(observation, stored: stored)
                step.judge(sample, target, rule: group.rules[index], scores: scores, row: row)
            }
            if let next = group.spec.updated(stored, with: observation) {
                step.setDetector(next, target)
            }
        }
    }

    /// Scores every watched series that did not report at `timestamp`.
    private func sweepAbsent(at timestamp: Int64, into step: inout Step) {
        for index in 0..<step.state.seriesCount {
            let series = step.state.seriesStates[index]
            guard series.lastTimestamp < timestamp else { continue }
            let key = step.state.keys[index]
            guard let groups = absentGroups[key.metric] else { continue }
            let silent = Sample(
                timestamp: timestamp, branch: key.branch, metric: key.metric,
                value: series.lastValue)
            let target = Step.Target(id: Int32(index), key: key, column: nil)
            var row: Int?
            for group in groups {
                for rule in group.rules {
                    guard case .absent(let absent) = rule.detector,
                        let scores = absent.score(series: series, clock: timestamp)
                    else { continue }
                    if row == nil { row = step.startRow(silent, value: nil) }
                    step.judge(silent, target, rule: rule, scores: scores, row: row)
                }
            }
        }
    }
}
