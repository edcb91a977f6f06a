// Slack incoming webhook: mrkdwn text, errors as HTTP status plus a short word in the body.

/// Slack incoming webhook (`hooks.slack.com/services/…`).
///
/// Facts from Slack's incoming-webhook and rate-limit pages:
/// * Posting allows about one message a second per webhook, with short bursts; over that
///   comes HTTP 429 with `Retry-After`.
/// * Success is HTTP 200 with the body `ok`, and only that: another 2xx body (a proxy's
///   login page) is retried. Failures carry a word in the body:
///   `invalid_payload` (400), `action_prohibited` or `invalid_token` (403),
///   `channel_not_found`, `no_service` or `no_team` (404), `channel_is_archived` (410),
///   `rollup_error` (500, not the sender's fault).
/// * Slack cuts message text beyond 40,000 characters; the cap here counts bytes, which is
///   never fewer than characters.
struct SlackPlatform: ChatPlatform {
    static let textLimit = 40_000
    static let permanentWords = [
        "invalid_payload", "action_prohibited", "invalid_token", "channel_not_found",
        "no_service", "no_team", "channel_is_archived",
    ]

    var rate: SendingRate? { .perMinute(60, andPerSecond: 3) }

    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        let text = AlertText.render(
            events, markup: plainText ? .plain : .slack, limit: Self.textLimit, escaping: .slack)
        var members: [(String, JSONValue)] = [("text", .string(text))]
        if plainText { members.append(("mrkdwn", .bool(false))) }
        return JSONValue.object(members).serialized()
    }

    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        let word = response.body.trimmed
        if response.status != 429, Self.permanentWords.contains(word) {
            return .permanent(reason: "HTTP \(response.status): \(word)")
        }
        // Slack's success is the body `ok`; any other 2xx body came from something else.
        if (200..<300).contains(response.status), word != "ok" {
            return missingSuccessCode(response, platform: "Slack")
        }
        return .fromStatus(response, now: now)
    }
}
