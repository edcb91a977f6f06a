// The body each notifier type receives for an alert event.

/// Builds the request body a notifier type expects for one alert event.
public enum PayloadFormatter {
    /// The payload text for `event` as `type` wants it.
    public static func payload(for event: AlertEvent, type: NotifierType) -> String {
        switch type {
        case .webhook: return webhook(event).serialized()
        case .slack: return slack(event).serialized()
        case .console: return consoleLine(event)
        }
    }

    /// The generic JSON object; its field names are a contract with receivers' scripts.
    static func webhook(_ event: AlertEvent) -> JSONValue {
        let labels = event.labels.keys.sorted().map {
            ($0, JSONValue.string(event.labels[$0] ?? ""))
        }
        return .object([
            ("key", .string(event.key)),
            ("status", .string(event.status.rawValue)),
            ("rule", .string(event.rule)),
            ("severity", .string(event.severity.rawValue)),
            ("branch", .string(event.branch)),
            ("metric", .string(event.metric)),
            ("value", .number(event.value)),
            ("expected", .number(event.expected)),
            ("z", .number(event.z)),
            ("pct_change", .number(event.pctChange)),
            ("timestamp", .string(ISOTime.formatLocal(event.timestamp))),
            ("message", .string(event.message)),
            ("labels", .object(labels)),
        ])
    }

    /// A Slack incoming-webhook message in mrkdwn.
    static func slack(_ event: AlertEvent) -> JSONValue {
        let mark = event.status == .firing ? ":rotating_light:" : ":white_check_mark:"
        let title =
            "\(mark) *\(event.status.rawValue.uppercased())* \(event.rule) "
            + "(\(event.severity.rawValue)) at *\(event.branch)*"
        let detail =
            "\(event.message)\n_\(event.metric) at \(ISOTime.formatLocal(event.timestamp))_"
        return .object([("text", .string(title + "\n" + detail))])
    }

    /// One line for the console notifier.
    static func consoleLine(_ event: AlertEvent) -> String {
        let status = event.status == .firing ? "FIRING  " : "RESOLVED"
        return "\(status) \(ISOTime.formatLocal(event.timestamp)) [\(event.severity.rawValue)] "
            + "\(event.rule) \(event.branch): \(event.message)"
    }
}
