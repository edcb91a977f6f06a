// WeCom (WeChat Work) group robot: markdown messages, errcode in a 200 body.

/// WeCom group robot (`qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`).
///
/// Facts from WeCom's group-robot documentation:
/// * Markdown `content` may hold at most 4096 bytes of UTF-8; text `content` 2048 bytes.
/// * Each robot may send 20 messages a minute; beyond that the answer is errcode 45009
///   ("api freq out of limit").
/// * The answer is HTTP 200 with `{"errcode":0,"errmsg":"ok"}` on success; 93000 means the
///   webhook key is invalid, 40008 an unknown msgtype, -1 a busy system worth retrying.
/// * There is no signature: the `key` in the URL is the credential.
struct WeComPlatform: ChatPlatform {
    static let markdownLimit = 4096
    static let textLimit = 2048

    var rate: SendingRate? { .perMinute(20) }

    func payload(_ events: [AlertEvent], plainText: Bool) -> String {
        let type = plainText ? "text" : "markdown"
        let text = AlertText.render(
            events, markup: plainText ? .plain : .markdown,
            limit: plainText ? Self.textLimit : Self.markdownLimit)
        return JSONValue.object([
            ("msgtype", .string(type)), (type, .object([("content", .string(text))])),
        ]).serialized()
    }

    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        guard let code = bodyCode(response, fields: ["errcode"]) else {
            // Always JSON with an errcode: a 2xx without one never came from WeCom.
            guard (200..<300).contains(response.status) else {
                return .fromStatus(response, now: now)
            }
            return missingSuccessCode(response, platform: "WeCom")
        }
        guard response.status == 200 else { return .fromStatus(response, now: now) }
        let reason = "errcode \(code): \(shortBody(response))"
        switch code {
        case 0: return .accepted
        case 45009: return .rateLimited(reason: reason, after: nil)
        case 93000, 40008: return .permanent(reason: reason)
        default: return .retry(reason: reason, after: nil)
        }
    }
}
