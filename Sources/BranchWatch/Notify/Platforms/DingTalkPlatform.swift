// DingTalk custom group robot: markdown messages, optional signature, errcode in a 200 body.

/// DingTalk custom robot (`oapi.dingtalk.com/robot/send?access_token=…`).
///
/// Facts from DingTalk's robot documentation:
/// * Each robot may send 20 messages a minute; going over blocks it for 10 minutes
///   (errcode 130101, "send too fast"), so retrying sooner only meets the block again.
/// * The answer is HTTP 200 with `{"errcode":0,"errmsg":"ok"}` on success; errcode 310000
///   means a security setting refused the message (signature, keyword or IP allow-list),
///   300001 an unknown access token, -1 a busy system worth retrying.
/// * Signing: the timestamp is epoch milliseconds; the string to sign is the timestamp, a
///   line feed, then the secret; its HMAC-SHA256 keyed with the secret is Base64-encoded,
///   URL-encoded and sent as `timestamp` and `sign` query parameters. DingTalk refuses
///   timestamps more than an hour away from its clock.
/// * `msgUuid` in the body is the platform's own idempotency key.
struct DingTalkPlatform: ChatPlatform {
    // Limitation: DingTalk's pages found do not state a size for markdown text; 20,000
    // bytes is the figure commonly reported, used here as the cap.
    static let textLimit = 20_000

    var isSigned: Bool { true }
    var rate: SendingRate? { .perMinute(20) }
    /// The 10-minute block after going over the rate.
    static let blockPeriod: Double = 600
    var documentedPause: Double { Self.blockPeriod }

    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        let key = JSONValue.string(NotifierPlatform.groupKey(events))
        guard !plainText else {
            let text = AlertText.render(events, markup: .plain, limit: Self.textLimit)
            return JSONValue.object([
                ("msgtype", .string("text")), ("text", .object([("content", .string(text))])),
                ("msgUuid", key),
            ]).serialized()
        }
        let text = AlertText.render(events, markup: .markdown, limit: Self.textLimit)
        return JSONValue.object([
            ("msgtype", .string("markdown")),
            (
                "markdown",
                .object([("title", .string(AlertText.title(events))), ("text", .string(text))])
            ),
            ("msgUuid", key),
        ]).serialized()
    }

    func request(payload: String, url: String, secret: String?, now: Double) -> HTTPRequest {
        guard let secret else { return HTTPRequest(url: url, body: payload) }
        let timestamp = Int64((now * 1000).rounded(.down))
        let separator = url.contains("?") ? "&" : "?"
        let signed =
            url + separator + "timestamp=\(timestamp)&sign="
            + MessageSigner.queryEncoded(Self.signature(timestamp: timestamp, secret: secret))
        return HTTPRequest(url: signed, body: payload)
    }

    /// Base64 of HMAC-SHA256(key: secret, message: "timestamp\nsecret").
    static func signature(timestamp: Int64, secret: String) -> String {
        let message = Array("\(timestamp)\n\(secret)".utf8)
        return MessageSigner.base64(
            MessageSigner.hmacSHA256(key: Array(secret.utf8), message: message))
    }

    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        guard let code = bodyCode(response, fields: ["errcode"]) else {
            // Always JSON with an errcode: a 2xx without one never came from DingTalk.
            guard (200..<300).contains(response.status) else {
                return .fromStatus(response, now: now)
            }
            return missingSuccessCode(response, platform: "DingTalk")
        }
        guard response.status == 200 else { return .fromStatus(response, now: now) }
        let reason = "errcode \(code): \(shortBody(response))"
        switch code {
        case 0: return .accepted
        case 130101: return .rateLimited(reason: reason, after: Self.blockPeriod)
        case 310000, 300001: return .permanent(reason: reason)
        default: return .retry(reason: reason, after: nil)
        }
    }
}
