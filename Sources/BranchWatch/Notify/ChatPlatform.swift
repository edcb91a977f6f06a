// What each notifier type knows about its platform: payload, limits, signing, answers.

/// One chat platform's rules. Implementations are pure: no I/O, no clock.
public protocol ChatPlatform: Sendable {
    /// True when the platform can sign requests with a shared secret.
    var isSigned: Bool { get }
    /// The platform's documented limit per webhook; nil when it documents none.
    var rate: SendingRate? { get }
    /// The longest pause the platform itself documents after "too fast", in seconds; a
    /// pause this long is kept even beyond `max_backoff`.
    var documentedPause: Double { get }
    /// The request body for a group of events of one rule and status.
    func payload(_ events: [AlertEvent], plainText: Bool) -> String
    /// The request to send `payload` to `url`, signed with `secret` at epoch second `now`.
    func request(payload: String, url: String, secret: String?, now: Double) -> HTTPRequest
    /// What the platform's answer means.
    func verdict(_ response: HTTPResponse, now: Double) -> DeliveryVerdict
}

extension ChatPlatform {
    public var isSigned: Bool { false }
    public var documentedPause: Double { 0 }

    public func request(payload: String, url: String, secret: String?, now: Double)
        -> HTTPRequest
    {
        HTTPRequest(url: url, body: payload)
    }
}

/// Finds the platform of a notifier type.
public enum NotifierPlatform {
    public static func forType(_ type: NotifierType) -> any ChatPlatform {
        switch type {
        case .webhook: return GenericWebhookPlatform()
        case .slack: return SlackPlatform()
        case .console: return ConsolePlatform()
        case .dingtalk: return DingTalkPlatform()
        case .wecom: return WeComPlatform()
        case .feishu: return FeishuPlatform()
        case .teams: return TeamsPlatform()
        }
    }

    /// A key for a group of events: the event's own key when alone, else a digest of all.
    public static func groupKey(_ events: [AlertEvent]) -> String {
        guard events.count != 1, let first = events.first else { return events.first?.key ?? "" }
        let joined = events.map(\.key).joined(separator: "\n")
        return first.rule + "/group/"
            + String(ContentDigest.sha256Hex(Array(joined.utf8)).prefix(32))
    }

    /// Serialises the largest body whose text fits, for platforms that cap the whole body.
    ///
    /// `build` receives a text budget in bytes; escaping can make the JSON larger than the
    /// text, so the budget shrinks by the overflow until the body fits.
    static func fitBody(limit: Int, build: (Int) -> JSONValue) -> String {
        var budget = limit
        while true {
            let body = build(budget).serialized()
            let overflow = body.utf8.count - limit
            guard overflow > 0, budget > 0 else { return body }
            budget = max(0, budget - overflow)
        }
    }
}

/// `{"code": 0}`-style answers: the number under `field`, 0 meaning success.
func bodyCode(_ response: HTTPResponse, fields: [String]) -> Int? {
    for field in fields {
        if let code = JSONProbe.integer(field, in: response.body) { return code }
    }
    return nil
}

/// The verdict for a 2xx answer that lacks the JSON a platform always sends: most likely a
/// proxy's or captive portal's page, so the message did not reach the platform; retried.
func missingSuccessCode(_ response: HTTPResponse, platform: String) -> DeliveryVerdict {
    .retry(
        reason: "HTTP \(response.status) without \(platform)'s success code (a proxy's page?): "
            + shortBody(response), after: nil)
}

/// The body as a short, single-line reason for logs.
func shortBody(_ response: HTTPResponse) -> String {
    ResponseText.shown(response.body, limit: ResponseText.loggedLimit)
}
