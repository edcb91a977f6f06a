// A firing or resolved alert, as it leaves for the notifiers.

/// One alert event: what fired or resolved, where, and on which sample.
public struct AlertEvent: Sendable, Equatable {
    public enum Status: String, Sendable {
        case firing, resolved
    }

    public var status: Status
    public var rule: String
    public var severity: Severity
    public var branch: String
    public var metric: String
    public var value: Double
    public var expected: Double
    public var z: Double
    public var pctChange: Double
    /// Epoch seconds of the sample that caused the event.
    public var timestamp: Int64
    public var message: String
    public var labels: [String: String]
    /// The rule's annotations, rendered for this alert.
    public var annotations: [String: String] = [:]
    /// A reminder that the alert is still firing (`repeat`), not a new alert.
    public var isReminder = false
    /// How far off the sample is, for putting the worst branch first in a group.
    public var magnitude: Double = .nan

    /// Idempotency key: the same event always gets the same key, so a receiver can drop repeats.
    public var key: String {
        "\(rule)/\(branch)/\(metric)/\(status.rawValue)/\(timestamp)"
    }

    /// Delivery of messages with the same order key must keep their order. Messages
    /// group branches, so the lane is the rule: a rule's messages to one notifier arrive
    /// in the order they happened, and a "resolved" never overtakes its "firing".
    public var orderKey: String { rule }

    /// The order key of a message that carries this event alone (the generic webhook's one
    /// event per message): a rule's messages about one branch keep their order across its
    /// metrics, and other branches' go beside them, up to the notifier's `max_in_flight`.
    public var branchOrderKey: String { "\(rule)/\(branch)" }
}
