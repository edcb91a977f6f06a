// A per-notifier token bucket that keeps sending within a platform's documented rate.

/// `burst` messages may go at once; after that, `perMinute` a minute. A platform's own
/// "slow down" answer pauses the bucket and empties it.
///
/// Limitation: the bucket lives in memory, so a restart forgets how much was just sent and
/// may burst once more; the platforms' own limits then answer "slow down", which is retried.
struct TokenBucket {
    private let capacity: Double
    private let perSecond: Double
    private var tokens: Double
    private var updated: Double
    private var pausedUntil: Double = 0

    init(_ rate: SendingRate, now: Double) {
        capacity = max(1, rate.burst)
        perSecond = rate.perMinute / 60
        tokens = capacity
        updated = now
    }

    /// Takes a token and returns nil, or returns when the next one will be there.
    mutating func take(now: Double) -> Double? {
        refill(now: now)
        guard now >= pausedUntil else { return pausedUntil }
        guard tokens >= 1 else { return now + (1 - tokens) / perSecond }
        tokens -= 1
        return nil
    }

    /// When a token will next be there, without taking it.
    func availableAt(now: Double) -> Double {
        var copy = self
        copy.refill(now: now)
        let refilled = copy.tokens >= 1 ? now : now + (1 - copy.tokens) / perSecond
        return max(refilled, pausedUntil)
    }

    /// Sends nothing before `time`, then starts from an empty bucket.
    mutating func pause(until time: Double) {
        pausedUntil = max(pausedUntil, time)
        tokens = 0
        updated = max(updated, time)
    }

    private mutating func refill(now: Double) {
        guard now > updated else { return }
        tokens = min(capacity, tokens + (now - updated) * perSecond)
        updated = now
    }
}
