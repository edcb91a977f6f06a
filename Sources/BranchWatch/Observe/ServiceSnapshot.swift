// What the daemon shows the HTTP endpoints: a copy published under a lock.
import Synchronization

/// One recent value of a series, for a chart.
public struct ChartPoint: Sendable, Equatable {
    /// Epoch seconds of the sample.
    public var timestamp: Int64
    public var value: Double

    public init(timestamp: Int64, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }
}

/// A firing alert as the status page shows it.
public struct AlertView: Sendable, Equatable {
    public var rule: String
    public var branch: String
    public var metric: String
    public var severity: String
    /// Epoch seconds of the sample that made it fire.
    public var since: Int64
    /// Value and expected value of that sample, when this process saw it fire.
    public var value: Double?
    public var expected: Double?
    /// Recent values of the series, oldest first.
    public var points: [ChartPoint]
    /// How unusual the value that made it fire was, when this process saw it fire.
    public var magnitude: Double? = nil
}

/// One waiting outbox message.
public struct OutboxLine: Sendable, Equatable {
    public var eventKey: String
    public var notifier: String
    public var attempts: Int
    public var createdAt: Double
    public var nextAttemptAt: Double
    public var lastError: String
}

/// The outbox: how many messages wait, the oldest's age, and the first few.
public struct OutboxSummary: Sendable, Equatable {
    public var depth = 0
    public var oldestCreatedAt: Double?
    public var entries: [OutboxLine] = []

    public init() {}
}

/// Everything `/metrics`, `/healthz` and `/status` show besides the counters.
public struct ServiceSnapshot: Sendable {
    public enum Phase: String, Sendable {
        case starting, running, reloading, stopping
    }

    public var phase = Phase.starting
    public var startedAt: Double
    /// When the working loop last woke up, in monotonic seconds; `/healthz` fails when this
    /// grows old.
    public var heartbeatAt: Double
    public var configFile = ""
    public var ruleCount = 0
    public var seriesCount = 0
    public var pendingAlerts = 0
    /// Sorted by branch, then rule and metric.
    public var firingAlerts: [AlertView] = []
    public var outbox = OutboxSummary()
    /// Silences in force, soonest end first.
    public var silences: [Silence] = []

    /// `startedAt` in epoch seconds, `heartbeatAt` on the monotonic clock.
    public init(startedAt: Double, heartbeatAt: Double? = nil) {
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt ?? startedAt
    }

    /// The gauges this snapshot holds, as metric families; ages are taken at `now`.
    public func gauges(now: Double) -> [MetricSnapshot] {
        func one(_ family: MetricFamily, _ value: Double) -> MetricSnapshot {
            MetricSnapshot(family: family, series: [(MetricLabels([:]), .number(value))])
        }
        let alerts = MetricSnapshot(
            family: .alerts,
            series: [
                (MetricLabels(["state": "firing"]), .number(Double(firingAlerts.count))),
                (MetricLabels(["state": "pending"]), .number(Double(pendingAlerts))),
            ])
        let oldestAge = outbox.oldestCreatedAt.map { max(0, now - $0) } ?? 0
        return [
            one(.series, Double(seriesCount)), alerts, one(.rules, Double(ruleCount)),
            one(.outboxMessages, Double(outbox.depth)), one(.outboxOldestAge, oldestAge),
            one(.startTime, startedAt),
        ]
    }
}

/// The latest snapshot, written by the daemon's thread and read by the HTTP thread.
///
/// Both sides hold the mutex only to copy or change the value, never while rendering.
public final class SnapshotBox: Sendable {
    private let current: Mutex<ServiceSnapshot>

    public init(_ snapshot: ServiceSnapshot) {
        current = Mutex(snapshot)
    }

    public func read() -> ServiceSnapshot {
        current.withLock { $0 }
    }

    public func update(_ change: (inout ServiceSnapshot) -> Void) {
        current.withLock { change(&$0) }
    }
}
