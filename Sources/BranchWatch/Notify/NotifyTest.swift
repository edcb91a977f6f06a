// Sends one sample alert to a notifier and reports the platform's answer, for set-up checks.

/// What a test send got back.
public struct NotifyTestResult: Sendable {
    /// The HTTP answer, or nil when there was none (console, or a network failure).
    public var response: HTTPResponse?
    /// How branchwatch reads that answer.
    public var verdict: DeliveryVerdict
    /// Why nothing was sent: the URL or secret cannot be read. The daemon holds such a
    /// notifier's alerts (logging the problem once) until it can, up to `max_age`.
    public var unresolved: SecretError? = nil
}

/// Sends a sample alert once, without the outbox and without retries.
public enum NotifyTest {
    /// A firing alert that says it is a test, at the current time.
    public static func sampleEvent(now: Double) -> AlertEvent {
        AlertEvent(
            status: .firing, rule: "branchwatch-notify-test", severity: .info, branch: "TEST",
            metric: "sales", value: 42, expected: 100, z: -3.2, pctChange: -0.58,
            timestamp: Int64(now), message: "test alert from branchwatch notify-test; ignore it",
            labels: ["test": "true"])
    }

    /// Sends the sample to `notifier`; secrets are resolved now and scrubbed from the result.
    public static func send(_ notifier: NotifierConfig, settings: DeliverySettings)
        -> NotifyTestResult
    {
        let now = WallClock.now()
        let platform = NotifierPlatform.forType(notifier.type)
        let payload = platform.payload([sampleEvent(now: now)], plainText: notifier.plainText)
        guard notifier.type != .console else {
            ConsoleText.out(payload)
            return NotifyTestResult(response: nil, verdict: .accepted)
        }
        let url: String
        let secret: String?
        do {
            url = try SecretReference.resolveURL(notifier.url)
            secret = try notifier.secret.map { text throws(SecretError) in
                try SecretReference.resolve(text)
            }
        } catch {
            let reason =
                error.description + "; the daemon keeps this notifier's alerts until it can be "
                + "read (up to delivery.max_age)"
            return NotifyTestResult(
                response: nil, verdict: .retry(reason: reason, after: nil), unresolved: error)
        }
        let request = platform.request(payload: payload, url: url, secret: secret, now: now)
        let transport = HTTPTransport(
            connectTimeout: settings.connectTimeout, totalTimeout: settings.requestTimeout)
        var secrets = [request.url, url] + (secret.map { [$0] } ?? [])
        if SecretReference(notifier.url) != nil { secrets += OutboxDeliverer.tokenParts(of: url) }
        switch transport.send([request])[0] {
        case .failure(let error):
            let verdict = DeliveryVerdict.retry(reason: error.description, after: nil)
            return NotifyTestResult(response: nil, verdict: verdict.scrubbed(of: secrets))
        case .success(let response):
            let verdict = platform.verdict(response, now: WallClock.now())
            var shown = response
            let scrubbed = DeliveryVerdict.permanent(reason: response.body).scrubbed(of: secrets)
            shown.body = ResponseText.shown(scrubbed.reason, limit: ResponseText.printedLimit)
            return NotifyTestResult(response: shown, verdict: verdict.scrubbed(of: secrets))
        }
    }
}

extension DeliveryVerdict {
    /// The reason text, empty for `accepted`.
    public var reason: String {
        switch self {
        case .accepted: return ""
        case .retry(let reason, _), .rateLimited(let reason, _), .permanent(let reason):
            return reason
        }
    }

    /// One word for people: delivered, retryable, rate-limited or refused.
    public var word: String {
        switch self {
        case .accepted: return "delivered"
        case .retry: return "failed (would retry)"
        case .rateLimited: return "rate limited (would retry later)"
        case .permanent: return "refused (would not retry)"
        }
    }
}
