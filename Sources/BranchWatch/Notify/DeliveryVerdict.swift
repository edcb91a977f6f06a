// What a platform's answer means for an outbox message: done, try again, or give up.

/// How one delivery attempt ended.
public enum DeliveryVerdict: Sendable, Equatable {
    /// The platform took the message; it leaves the outbox.
    case accepted
    /// A passing failure (network, timeout, 5xx, "busy"): retry with backoff, or after
    /// `after` seconds when the platform said so.
    case retry(reason: String, after: Double?)
    /// The platform asks us to slow down: the whole notifier pauses, then retries.
    case rateLimited(reason: String, after: Double?)
    /// Retrying cannot help (bad token, bad signature, no such webhook): the message moves
    /// to the dead-letter table at once.
    case permanent(reason: String)

    /// The verdict for an answer the platform-specific rules did not decide on.
    ///
    /// 2xx is success; 408, 5xx and network errors pass; 429 asks to slow down; any other
    /// 4xx means the request itself is wrong (401/403 a bad token, 404 no such webhook).
    static func fromStatus(_ response: HTTPResponse, now: Double) -> DeliveryVerdict {
        let after = RetryAfter.seconds(response.headers["retry-after"], now: now)
        let summary = "HTTP \(response.status): \(shortBody(response))"
        switch response.status {
        case 200..<300: return .accepted
        case 429: return .rateLimited(reason: summary, after: after)
        case 408, 500..<600: return .retry(reason: summary, after: after)
        default: return .permanent(reason: summary)
        }
    }
}

/// Reads a `Retry-After` header: delay seconds, or an HTTP date.
enum RetryAfter {
    /// Seconds to wait from `now`, or nil when the header is absent or unreadable.
    static func seconds(_ value: String?, now: Double) -> Double? {
        guard let value = value?.trimmed, !value.isEmpty else { return nil }
        if let delay = Double(value), delay >= 0 { return delay }
        guard let date = HTTPDate.epochSeconds(value) else { return nil }
        return max(0, date - now)
    }
}
