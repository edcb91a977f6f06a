// When the daemon loop owes systemd its next watchdog ping.

/// Tracks the next watchdog ping. Pings are sent at half the timeout, as systemd advises,
/// so one late wake-up does not get the service killed. Owned by the daemon loop.
///
/// Measured on the monotonic clock: systemd's own watchdog timer is monotonic, so a wall
/// clock set back must not hold back the pings.
struct WatchdogTimer {
    /// Seconds between pings; nil when systemd runs no watchdog for this process.
    let interval: Double?
    private let clock: ServiceClock
    private var nextPingAt: Double

    init(timeout: Double?, clock: ServiceClock = .system) {
        interval = timeout.map { $0 / 2 }
        self.clock = clock
        nextPingAt = clock.monotonic()
    }

    /// Seconds until the next ping is due, or nil without a watchdog.
    func secondsUntilDue() -> Double? {
        interval.map { _ in max(0, nextPingAt - clock.monotonic()) }
    }

    /// Sends a ping through `notifier` when one is due; true when it did.
    @discardableResult
    mutating func pingIfDue(_ notifier: SystemdNotifier) -> Bool {
        let now = clock.monotonic()
        guard let interval, now >= nextPingAt else { return false }
        notifier.watchdogPing()
        nextPingAt = now + interval
        return true
    }
}
