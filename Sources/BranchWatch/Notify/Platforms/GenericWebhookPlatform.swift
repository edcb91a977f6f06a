// The generic JSON webhook: one object per alert event, carrying its idempotency key.

/// Plain JSON for receivers' own scripts; the field names are a contract (see the design).
struct GenericWebhookPlatform: ChatPlatform {
    /// No documented limit: the receiver is the operator's own service. `max_in_flight`
    /// (4 open at once) already keeps a burst from swamping it, and `rate_per_minute` sets
    /// a window for a receiver that needs one. A guessed window here would only slow a
    /// burst of alerts to a receiver that keeps up (a 2,000-alert drop took minutes).
    var rate: SendingRate? { nil }

    /// One object per event; a group (which the engine does not send here) becomes an array.
    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        guard events.count == 1, let event = events.first else {
            return JSONValue.array(events.map(Self.object)).serialized()
        }
        return Self.object(event).serialized()
    }

    /// The key also goes in an `Idempotency-Key` header, for receivers that dedupe there.
    func request(payload: String, url: String, secret: String?, now: Double) -> HTTPRequest {
        let key = JSONProbe.string("key", in: payload) ?? ""
        return HTTPRequest(url: url, body: payload, headers: ["Idempotency-Key: \(key)"])
    }

    /// Any 2xx is success, whatever the body: receivers are free to answer as they like.
    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        .fromStatus(response, now: now)
    }

    static func object(_ event: AlertEvent) -> JSONValue {
        let labels = event.labels.keys.sorted().map {
            ($0, JSONValue.string(event.labels[$0] ?? ""))
        }
        var members: [(String, JSONValue)] = [
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
        ]
        // Only when present, so receivers written for the first payload see no change.
        if !event.annotations.isEmpty {
            let notes = event.annotations.keys.sorted().map {
                ($0, JSONValue.string(event.annotations[$0] ?? ""))
            }
            members.append(("annotations", .object(notes)))
        }
        if event.isReminder { members.append(("reminder", .bool(true))) }
        return .object(members)
    }
}

/// Prints alerts on standard output; never sent over HTTP.
struct ConsolePlatform: ChatPlatform {
    var rate: SendingRate? { nil }

    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        events.map { event in
            let status =
                event.status == .resolved ? "RESOLVED" : event.isReminder ? "REMINDER" : "FIRING  "
            // Data reaches a terminal: escape sequences and line breaks are shown, not obeyed.
            let (rule, branch) = (DataText.visible(event.rule), DataText.visible(event.branch))
            return "\(status) \(ISOTime.formatLocal(event.timestamp)) "
                + "[\(event.severity.rawValue)] \(rule) \(branch): "
                + DataText.visible(event.message)
        }.joined(separator: "\n")
    }

    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict { .accepted }
}
