// Runs samples through the detectors and rules; pure: state in, changes and events out.

/// What a batch of samples changed, and the alert events it caused.
public struct Evaluation: Sendable {
    /// Only the entries the batch touched, with their new values.
    public var changes = EngineState()
    public var events: [AlertEvent] = []
    public var applied = 0
    /// Samples at or before their series' last applied timestamp.
    public var late = 0
    /// Late samples at exactly the last timestamp but with another value.
    public var conflicts = 0
}

/// Scores samples against the state before them and moves alerts through their lifecycle.
///
/// The daemon and replays use the same evaluator, so a replay sees what the daemon would.
public struct Evaluator: Sendable {
    private let rulesByMetric: [String: [Rule]]

    public init(rules: [Rule]) {
        var byMetric: [String: [Rule]] = [:]
        for rule in rules {
            for metric in rule.metrics { byMetric[metric, default: []].append(rule) }
        }
        rulesByMetric = byMetric
    }

    /// Evaluates `samples` in time order (stable for equal times) on top of `base`.
    public func evaluate(_ samples: [Sample], base: EngineState) -> Evaluation {
        var work = Evaluation()
        let ordered = samples.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }
        for (_, sample) in ordered {
            evaluate(sample, base: base, into: &work)
        }
        return work
    }

    private func evaluate(_ sample: Sample, base: EngineState, into work: inout Evaluation) {
        let key = sample.seriesKey
        var series = work.changes.series[key] ?? base.series[key] ?? SeriesState()
        switch series.arrival(of: sample) {
        case .late:
            work.late += 1
            return
        case .conflict:
            work.late += 1
            work.conflicts += 1
            return
        case .inOrder:
            break
        }
        let rules = rulesByMetric[sample.metric] ?? []
        var seen: Set<String> = []
        for rule in rules where seen.insert(rule.detector.stateKey).inserted {
            let detectorKey = DetectorKey(series: key, detector: rule.detector.stateKey)
            let before =
                work.changes.detectors[detectorKey] ?? base.detectors[detectorKey] ?? EWMAState()
            for sharing in rules where sharing.detector.stateKey == detectorKey.detector {
                judge(sample, rule: sharing, state: before, base: base, into: &work)
            }
            work.changes.detectors[detectorKey] = rule.detector.updated(before, with: sample.value)
        }
        series.record(sample)
        work.changes.series[key] = series
        work.applied += 1
    }

    /// Scores one sample for one rule and records the alert transition it causes.
    private func judge(
        _ sample: Sample, rule: Rule, state: EWMAState, base: EngineState,
        into work: inout Evaluation
    ) {
        guard let scores = rule.detector.score(sample.value, state: state) else { return }
        let alertKey = AlertKey(rule: rule.name, series: sample.seriesKey)
        let current = work.changes.alerts[alertKey] ?? base.alerts[alertKey] ?? AlertState()
        var alert = current
        let holds = rule.condition.holds(for: scores)
        let transition = alert.observe(holds: holds, forCount: rule.forCount, at: sample.timestamp)
        if alert != current {
            work.changes.alerts[alertKey] = alert
        }
        guard let transition else { return }
        let status: AlertEvent.Status = transition == .fired ? .firing : .resolved
        work.events.append(
            AlertEventBuilder.event(status, rule: rule, sample: sample, scores: scores))
    }
}
