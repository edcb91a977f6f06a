// A rule as operations staff wrote it, ready to evaluate.

/// How loud an alert is.
public enum Severity: String, Sendable, CaseIterable {
    case info, warning, critical
}

/// One alerting rule.
public struct Rule: Sendable {
    public var name: String
    public var metrics: [String]
    public var detector: DetectorSpec
    public var condition: Condition
    /// While firing, the alert resolves when this holds; without it, when `condition`
    /// stops holding. A looser clear condition keeps an alert from flapping.
    public var clearCondition: Condition? = nil
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
