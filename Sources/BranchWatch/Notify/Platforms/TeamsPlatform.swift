// Microsoft Teams: an Adaptive Card for incoming webhooks and Workflows triggers.

/// Microsoft Teams incoming webhook (connector) or Workflows "webhook request" trigger.
///
/// Facts from Microsoft's Teams webhook pages:
/// * A message may be at most 28 KB; larger ones get HTTP 413.
/// * Throttled senders get HTTP 429. The legacy connectors are also known to answer HTTP 200
///   with a body like "Microsoft Teams endpoint returned HTTP error 429", so the body is read
///   even on success. Success is `1` (connectors) or HTTP 202 with no body (Workflows).
/// * 400 means a malformed card, 404 a webhook that no longer exists.
/// * Adaptive Cards are the one format both kinds of webhook accept.
/// * Neither kind promises a body (Workflows answer 202 with none), so any 2xx without an
///   error report in the body counts as delivered, even a proxy's page.
struct TeamsPlatform: ChatPlatform {
    /// 28 KB, read as 28,000 bytes.
    static let bodyLimit = 28_000

    // Limitation: Microsoft does not publish a fixed rate for these webhooks; four a second
    // in bursts and one a second over time is a cautious reading of its throttling advice.
    var rate: SendingRate? { .perMinute(60, andPerSecond: 4) }

    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        // Adaptive Card TextBlocks render markdown in either format, so data is always
        // escaped as markdown, the title too.
        let titleEscaping = TextEscaping.markdown
        return NotifierPlatform.fitBody(limit: Self.bodyLimit) { budget in
            let text = AlertText.render(
                events, markup: plainText ? .plain : .markdown, limit: budget,
                withHeading: false, escaping: .markdown)
            let body: JSONValue = .array([
                .object([
                    ("type", .string("TextBlock")),
                    ("text", .string(AlertText.title(events, escaping: titleEscaping))),
                    ("weight", .string("Bolder")), ("wrap", .bool(true)),
                ]),
                .object([
                    ("type", .string("TextBlock")), ("text", .string(text)), ("wrap", .bool(true)),
                ]),
            ])
            let card: JSONValue = .object([
                ("$schema", .string("http://adaptivecards.io/schemas/adaptive-card.json")),
                ("type", .string("AdaptiveCard")), ("version", .string("1.4")), ("body", body),
            ])
            return .object([
                ("type", .string("message")),
                (
                    "attachments",
                    .array([
                        .object([
                            ("contentType", .string("application/vnd.microsoft.card.adaptive")),
                            ("content", card),
                        ])
                    ])
                ),
            ])
        }
    }

    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        guard (200..<300).contains(response.status) else { return .fromStatus(response, now: now) }
        guard let range = response.body[...].range(of: "returned HTTP error ") else {
            return .accepted
        }
        let code = Int(response.body[range.upperBound...].prefix(3)) ?? 0
        let reason = "HTTP \(response.status) reporting error \(code): \(shortBody(response))"
        switch code {
        case 429: return .rateLimited(reason: reason, after: nil)
        case 500..<600, 408: return .retry(reason: reason, after: nil)
        default: return .permanent(reason: reason)
        }
    }
}
