// A rule as operations staff wrote it, ready to evaluate.

/// How loud an alert is.
public enum Severity: String, Sendable, CaseIterable {
    case info, warning, critical
}

/// The detector a rule scores its metric with.
public enum DetectorSpec: Sendable, Equatable {
    case ewma(EWMAParameters)

    /// Identifies the detector state this spec needs. Rules with equal keys share state;
    /// settings that only change scoring (warm-up, floors) are not part of it.
    public var stateKey: String {
        switch self {
        case .ewma(let parameters): return "ewma:alpha=\(parameters.alpha)"
        }
    }

    /// Scores `value` against the state before it; nil while warming up.
    public func score(_ value: Double, state: EWMAState) -> Scores? {
        switch self {
        case .ewma(let parameters): return state.score(value, parameters: parameters)
        }
    }

    /// The state after folding in `value`.
    public func updated(_ state: EWMAState, with value: Double) -> EWMAState {
        var next = state
        switch self {
        case .ewma(let parameters): next.update(value, alpha: parameters.alpha)
        }
        return next
    }
}

/// One alerting rule.
public struct Rule: Sendable {
    public var name: String
    public var metrics: [String]
    public var detector: DetectorSpec
    public var condition: Condition
    /// Consecutive evaluations the condition must hold before the alert fires.
    public var forCount: Int
    public var severity: Severity
    public var message: MessageTemplate
    /// Names of the notifiers that get this rule's alerts.
    public var notify: [String]
    /// Where the rule was written, for messages.
    public var file: String
    public var mark: SourceMark

    public var origin: String { "\(file):\(mark)" }

    public func applies(to metric: String) -> Bool {
        metrics.contains(metric)
    }
}
