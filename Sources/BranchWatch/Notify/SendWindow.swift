// Per-notifier record of recent send times that keeps every window within its cap.

/// At most `count` messages in any `seconds`-long window.
public struct RateWindow: Sendable, Equatable {
    public var count: Int
    public var seconds: Double

    public init(count: Int, seconds: Double) {
        self.count = count
        self.seconds = seconds
    }
}

/// A platform's documented sending limit, as one or more sliding windows that all hold.
public struct SendingRate: Sendable, Equatable {
    public var windows: [RateWindow]

    public init(_ windows: [RateWindow]) {
        self.windows = windows
    }

    /// `perMinute` messages in any 60 s, plus the platform's shorter windows.
    public static func perMinute(_ count: Int, andPerSecond perSecond: Int? = nil) -> SendingRate {
        SendingRate(
            [RateWindow(count: count, seconds: 60)]
                + (perSecond.map { [RateWindow(count: $0, seconds: 1)] } ?? []))
    }

    /// The same limits with the minute window replaced by a configured `rate_per_minute`.
    ///
    /// A rate below one a minute becomes one message per `60 / rate` seconds.
    func overridingMinute(with perMinute: Double) -> SendingRate {
        let count = max(1, Int(perMinute.rounded(.down)))
        let window = RateWindow(count: count, seconds: 60 * Double(count) / perMinute)
        return SendingRate([window] + windows.filter { $0.seconds < 60 })
    }
}

/// The send times of one notifier, enough to answer "may one more go now?".
///
/// Unlike a token bucket that starts full and refills, this never lets more than a
/// window's `count` sends fall into any stretch of its length, which is how DingTalk and
/// WeCom count their 20 a minute. A "slow down" answer also pauses the notifier.
///
/// Limitation: the times live in memory, so a restart forgets what was just sent and may
/// send a window's worth again; the platform then answers "too fast", which is retried.
struct SendWindow {
    let rate: SendingRate
    private var times: [Double] = []
    private var pausedUntil: Double = 0

    init(_ rate: SendingRate) {
        self.rate = rate
    }

    /// Nil when one more message may go at `now`; otherwise when it may.
    func availableAt(now: Double) -> Double? {
        var earliest = pausedUntil > now ? pausedUntil : nil
        for window in rate.windows {
            let recent = times.filter { $0 > now - window.seconds }
            guard recent.count >= window.count else { continue }
            let opens = recent[recent.count - window.count] + window.seconds
            earliest = max(earliest ?? opens, opens)
        }
        return earliest
    }

    /// Notes a send at `time`, forgetting what no window can see any more.
    mutating func record(_ time: Double) {
        let longest = rate.windows.map(\.seconds).max() ?? 0
        times.removeAll { $0 <= time - longest }
        times.append(time)
    }

    /// Sends nothing before `time`.
    mutating func pause(until time: Double) {
        pausedUntil = max(pausedUntil, time)
    }
}
