// Settings that work but deserve a warning: said by `check` and logged at start-up.

/// One setting an operator should hear about.
public struct ServiceAdvice: Sendable, Equatable {
    /// The config key, such as `delivery.timeout`.
    public var key: String
    public var message: String

    /// `file: key: message`, for `check`.
    public func line(file: String) -> String {
        "\(file): \(key): warning: \(message)"
    }

    /// Limits of the shipped unit (`systemd/branchwatch.service`).
    public static let unitTimeoutStopSeconds = 30.0
    public static let unitWatchdogSeconds = 60.0

    /// Every warning `config` deserves.
    public static func review(_ config: Config) -> [ServiceAdvice] {
        var advice: [ServiceAdvice] = []
        let delivery = config.delivery
        let timeout = NumberFormat.plain(delivery.requestTimeout)
        let stop = NumberFormat.plain(delivery.stopDeadline)
        if delivery.requestTimeout > delivery.stopDeadline {
            advice.append(
                ServiceAdvice(
                    key: "delivery.timeout",
                    message:
                        "\(timeout)s is longer than delivery.stop_deadline (\(stop)s): a request "
                        + "still open when a stop's deadline ends is abandoned and sent again at "
                        + "the next start, possibly twice; stop_deadline may be at most 20s, "
                        + "inside the shipped unit's TimeoutStopSec=30s"))
        }
        if delivery.requestTimeout > unitWatchdogSeconds / 2 {
            advice.append(
                ServiceAdvice(
                    key: "delivery.timeout",
                    message:
                        "\(timeout)s is more than half the shipped unit's WatchdogSec=60s; "
                        + "requests run on their own thread so the watchdog is not at risk, but "
                        + "a chat that slow holds each of its alerts that long"))
        }
        if let http = config.http, !http.isLoopback, !http.allowRemote {
            advice.append(
                ServiceAdvice(
                    key: "http.listen",
                    message:
                        "\(http.listen) is reachable from the network and /status, /metrics "
                        + "need no password: they show branch names, values and errors. Listen "
                        + "on 127.0.0.1 behind a proxy with authentication, or set "
                        + "http.allow_remote: true to say this is meant"))
        }
        return advice
    }
}
