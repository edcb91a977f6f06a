// The body each notifier receives for an alert event, built when the event is queued.

/// Builds the request body a notifier expects for alert events.
public enum PayloadFormatter {
    /// The payload text for `event` as a notifier of `type` wants it.
    public static func payload(for event: AlertEvent, type: NotifierType) -> String {
        NotifierPlatform.forType(type).payload([event], plainText: false)
    }

    /// The payload for a group of events (one rule, one status) for `notifier`.
    public static func payload(for events: [AlertEvent], notifier: NotifierConfig) -> String {
        NotifierPlatform.forType(notifier.type).payload(events, plainText: notifier.plainText)
    }
}
