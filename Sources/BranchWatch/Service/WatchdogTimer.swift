// When the daemon loop owes systemd its next watchdog ping.

/// Tracks the next watchdog ping. Pings are sent at half the timeout, as systemd advises,
/// so one late wake-up does not get the service killed. Owned by the daemon loop.
struct WatchdogTimer {
    /// Seconds between pings; nil when systemd runs no watchdog for this process.
    let interval: Double?
    private var nextPingAt: Double

    init(timeout: Double?, now: Double = WallClock.now()) {
        interval = timeout.map { $0 / 2 }
        nextPingAt = now
    }

    /// Seconds until the next ping is due, or nil without a watchdog.
    func secondsUntilDue(now: Double = WallClock.now()) -> Double? {
        interval.map { _ in max(0, nextPingAt - now) }
    }

    /// Sends a ping through `notifier` when one is due.
    mutating func pingIfDue(_ notifier: SystemdNotifier, now: Double = WallClock.now()) {
        guard let interval, now >= nextPingAt else { return }
        notifier.watchdogPing()
        nextPingAt = now + interval
    }
}
