// Sends what waits in the outbox and removes each message once its platform accepted it.
import Glibc

/// What one delivery pass did.
public struct DeliveryReport: Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    /// Messages still in the outbox after the pass.
    public var remaining = 0
    /// When the earliest remaining message is due, in epoch seconds.
    public var nextAttemptAt: Double?
}

/// Delivers outbox messages at least once, in order per (rule, branch) and notifier.
///
/// A failed message is retried later with exponential backoff and jitter; later
/// messages of the same (rule, branch) wait behind it so that "resolved" never
/// overtakes its "firing".
public final class OutboxDeliverer {
    private let store: StateStore
    private let notifiers: [String: NotifierConfig]
    private let settings: DeliverySettings
    private let client: HTTPClient
    private let logger: Logger
    private let metrics: Metrics

    public init(
        store: StateStore, notifiers: [String: NotifierConfig], settings: DeliverySettings,
        logger: Logger, metrics: Metrics = Metrics()
    ) {
        self.store = store
        self.notifiers = notifiers
        self.settings = settings
        self.client = HTTPClient(timeout: settings.requestTimeout)
        self.logger = logger
        self.metrics = metrics
    }

    /// Sends every message that is due at `now`.
    public func deliverDue(now: Double = WallClock.now()) throws(StoreError) -> DeliveryReport {
        var report = DeliveryReport()
        var blocked: Set<String> = []
        for entry in try store.outboxEntries() {
            let lane = entry.notifier + "\u{0}" + entry.orderKey
            guard entry.nextAttemptAt <= now, !blocked.contains(lane) else {
                blocked.insert(lane)
                report.remaining += 1
                report.nextAttemptAt = min(
                    report.nextAttemptAt ?? entry.nextAttemptAt, entry.nextAttemptAt)
                continue
            }
            let failure = send(entry)
            metrics.increment(
                .deliveries,
                labels: [
                    "notifier": entry.notifier, "result": failure == nil ? "delivered" : "failed",
                ])
            if let failure {
                let retryAt = now + backoff(afterAttempts: entry.attempts + 1)
                try store.postpone(id: entry.id, until: retryAt, error: failure)
                logFailure(entry, failure, retryAt: retryAt, now: now)
                blocked.insert(lane)
                report.failed += 1
                report.remaining += 1
                report.nextAttemptAt = min(report.nextAttemptAt ?? retryAt, retryAt)
            } else {
                try store.removeFromOutbox(id: entry.id)
                logger.info(
                    "alert delivered", ["event": entry.eventKey, "notifier": entry.notifier])
                report.delivered += 1
            }
        }
        return report
    }

    /// Sends one message; nil when the platform accepted it, otherwise why not.
    private func send(_ entry: OutboxEntry) -> String? {
        guard let notifier = notifiers[entry.notifier] else {
            return "no notifier named \"\(entry.notifier)\" in the config any more"
        }
        if notifier.type == .console {
            ConsoleText.out(entry.payload)
            return nil
        }
        do {
            let response = try client.postJSON(notifier.url, body: entry.payload)
            guard (200..<300).contains(response.status) else {
                return "HTTP \(response.status): \(String(response.body.prefix(200)))"
            }
            return nil
        } catch {
            return error.description
        }
    }

    /// Exponential backoff with jitter: half to all of `initial * 2^(attempts-1)`, capped.
    func backoff(afterAttempts attempts: Int) -> Double {
        let exponential = settings.initialBackoff * pow(2, Double(min(attempts - 1, 30)))
        let capped = min(exponential, settings.maximumBackoff)
        return capped * Double.random(in: 0.5...1.0)
    }

    private func logFailure(_ entry: OutboxEntry, _ failure: String, retryAt: Double, now: Double) {
        logger.warning(
            "alert delivery failed",
            [
                "event": entry.eventKey, "notifier": entry.notifier,
                "attempt": "\(entry.attempts + 1)",
                "error.message": failure,
                "retry_in_s": NumberFormat.fixed(retryAt - now, decimals: 1),
            ])
    }
}
