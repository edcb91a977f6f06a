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
    /// Seconds the condition must hold before the alert fires (`for: 2d`).
    public var forDuration: Int64? = nil
    /// While firing, how often to remind, in seconds of data time (`repeat: 1d`).
    public var repeatInterval: Int64? = nil
    public var severity: Severity
    public var message: MessageTemplate
    /// Labels added to each alert, by name; templates over the same names as the message.
    public var labelTemplates: [String: MessageTemplate] = [:]
    /// Extra texts sent with each alert (a summary, a runbook link), by name.
    public var annotations: [String: MessageTemplate] = [:]
    /// The label that names a region; an alert of this rule on a branch whose ID is a
    /// region's name mutes this rule's alerts on that region's branches.
    public var inhibitLabel: String? = nil
    /// Names of the notifiers that get this rule's alerts.
    public var notify: [String]
    /// Where the rule was written, for messages.
    public var file: String
    public var mark: SourceMark

    public var origin: String { "\(file):\(mark)" }

    /// When the rule's alerts fire and remind.
    public var timing: AlertTiming {
        AlertTiming(forCount: forCount, forDuration: forDuration, repeatInterval: repeatInterval)
    }

    public func applies(to metric: String) -> Bool {
        metrics.contains(metric)
    }
}
