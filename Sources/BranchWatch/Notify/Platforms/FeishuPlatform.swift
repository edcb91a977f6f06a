// Feishu / Lark custom bot: interactive card with markdown, optional signature in the body.

/// Feishu custom bot (`open.feishu.cn/open-apis/bot/v2/hook/…`).
///
/// Facts from Feishu's custom-bot guide:
/// * A bot may send 100 requests a minute and 5 a second; the request body may be at most
///   20 KB. Going over the rate answers code 11232 (or HTTP 429 / code 99991400 from the
///   gateway).
/// * Success is `{"code":0,"msg":"success"}` (older bots: `{"StatusCode":0}`); 19021 means
///   the signature or its timestamp was refused, 19022 an IP not on the allow-list, 19024 a
///   missing keyword, 9499 a malformed request.
/// * Signing: the timestamp is epoch *seconds*; the string "timestamp\nsecret" is the HMAC
///   key and the message is empty; the Base64 digest goes into the body as `sign`, beside
///   `timestamp`. The timestamp must be within an hour of Feishu's clock.
struct FeishuPlatform: ChatPlatform {
    /// 20 KB, read as 20,000 bytes to stay on the safe side of either meaning.
    static let bodyLimit = 20_000
    /// Room the signature fields take when added at send time.
    static let signatureRoom = 80

    var isSigned: Bool { true }
    var rate: SendingRate? { .perMinute(100, andPerSecond: 5) }

    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        NotifierPlatform.fitBody(limit: Self.bodyLimit - Self.signatureRoom) { budget in
            plainText ? Self.text(events, budget: budget) : Self.card(events, budget: budget)
        }
    }

    private static func text(_ events: [AlertEvent], budget: Int) -> JSONValue {
        let text = AlertText.render(events, markup: .plain, limit: budget)
        return .object([
            ("msg_type", .string("text")), ("content", .object([("text", .string(text))])),
        ])
    }

    private static func card(_ events: [AlertEvent], budget: Int) -> JSONValue {
        let text = AlertText.render(
            events, markup: .markdown, limit: budget, withHeading: false, escaping: .feishu)
        let template = events.first?.status == .resolved ? "green" : "red"
        let title: JSONValue = .object([
            ("tag", .string("plain_text")), ("content", .string(AlertText.title(events))),
        ])
        return .object([
            ("msg_type", .string("interactive")),
            (
                "card",
                .object([
                    ("header", .object([("title", title), ("template", .string(template))])),
                    (
                        "elements",
                        .array([
                            .object([("tag", .string("markdown")), ("content", .string(text))])
                        ])
                    ),
                ])
            ),
        ])
    }

    /// The signature fields go first in the body, ahead of the stored payload's own.
    func request(payload: String, url: String, secret: String?, now: Double) -> HTTPRequest {
        guard let secret, payload.hasPrefix("{") else {
            return HTTPRequest(url: url, body: payload)
        }
        let timestamp = Int64(now.rounded(.down))
        let sign = Self.signature(timestamp: timestamp, secret: secret)
        let fields = "{\"timestamp\":\"\(timestamp)\",\"sign\":\"\(sign)\","
        return HTTPRequest(url: url, body: fields + payload.dropFirst())
    }

    /// Base64 of HMAC-SHA256(key: "timestamp\nsecret", message: empty).
    static func signature(timestamp: Int64, secret: String) -> String {
        let key = Array("\(timestamp)\n\(secret)".utf8)
        return MessageSigner.base64(MessageSigner.hmacSHA256(key: key, message: []))
    }

    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        guard let code = bodyCode(response, fields: ["code", "StatusCode"]) else {
            // Always JSON with a code: a 2xx without one never came from Feishu.
            guard (200..<300).contains(response.status) else {
                return .fromStatus(response, now: now)
            }
            return missingSuccessCode(response, platform: "Feishu")
        }
        let reason = "code \(code): \(shortBody(response))"
        switch code {
        case 0 where response.status == 200: return .accepted
        case 11232, 99991400:
            let after = RetryAfter.seconds(response.headers["x-ogw-ratelimit-reset"], now: now)
            return .rateLimited(reason: reason, after: after)
        case 19021, 19022, 19024, 9499: return .permanent(reason: reason)
        default:
            return response.status == 200
                ? .retry(reason: reason, after: nil)
                : .fromStatus(response, now: now)
        }
    }
}
