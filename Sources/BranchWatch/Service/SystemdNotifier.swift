// Tells systemd how the service is doing: ready, reloading, stopping, status, watchdog pings.
import CSystemd
import Glibc

/// Sends service-manager notifications with libsystemd's `sd_notify`.
///
/// Without `NOTIFY_SOCKET` in the environment `sd_notify` does nothing, so the daemon
/// behaves the same in a terminal. Each call sends one datagram; safe from any thread.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Startup is done: the inbox was scanned and the rules are loaded.
    public func ready(status: String) {
        send(["READY=1", "STATUS=" + Self.oneLine(status)])
    }

    /// A reload begins; `ready` must follow when it ends, whether it worked or not.
    /// `MONOTONIC_USEC` lets a newer systemd tell this reload from an earlier one.
    public func reloading(status: String) {
        send([
            "RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())",
            "STATUS=" + Self.oneLine(status),
        ])
    }

    /// Shutdown begins.
    public func stopping(status: String) {
        send(["STOPPING=1", "STATUS=" + Self.oneLine(status)])
    }

    /// What the service is doing now, shown by `systemctl status`.
    public func status(_ text: String) {
        send(["STATUS=" + Self.oneLine(text)])
    }

    /// Asks for `seconds` more before the start (or stop) times out; sent while a long
    /// backlog is being applied before READY.
    public func extendTimeout(seconds: Double) {
        send(["EXTEND_TIMEOUT_USEC=\(UInt64(seconds * 1_000_000))"])
    }

    /// Tells the watchdog the working loop is alive.
    public func watchdogPing() {
        send(["WATCHDOG=1"])
    }

    /// The watchdog timeout systemd set for this process (`sd_watchdog_enabled`), in
    /// seconds, or nil when there is none (no `WATCHDOG_USEC`, or it is for another pid).
    public func watchdogTimeout() -> Double? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return Double(microseconds) / 1_000_000
    }

    /// `sd_notify` returns a negative errno on failure; a lost status line is not worth
    /// stopping for, and a lost READY shows up as a start timeout in systemd's own log.
    private func send(_ assignments: [String]) {
        _ = sd_notify(0, assignments.joined(separator: "\n"))
    }

    /// A status is one line of the notify protocol: newlines would start new assignments.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000 + UInt64(spec.tv_nsec) / 1000
    }
}
