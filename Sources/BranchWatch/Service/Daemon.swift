// The daemon loop: scan, watch the inbox, apply files, deliver the outbox, until told to stop.
import Glibc

/// What `runOnce` left behind.
public struct RunSummary: Sendable, Equatable {
    public var filesApplied = 0
    public var filesRejected = 0
    public var delivered = 0
    /// Alert messages still in the outbox when the run ended.
    public var undelivered = 0
}

/// Runs the engine and the outbox deliverer on one thread.
public final class Daemon {
    public let engine: Engine
    private let deliverer: OutboxDeliverer
    private let logger: Logger

    /// What delivery did since start-up, for metrics.
    public var deliveryCounters: DeliveryCounters { deliverer.counters }

    /// Opens the state and prepares the inbox; nothing is applied yet.
    public init(config: Config, logger: Logger) throws(EngineError) {
        engine = try Engine(config: config, logger: logger.child("ingest"))
        deliverer = OutboxDeliverer(
            store: engine.store, notifiers: config.notifiers, settings: config.delivery,
            logger: logger.child("notify"))
        self.logger = logger
    }

    /// Applies what is in the inbox now, then delivers until the outbox is empty or the
    /// delivery deadline has passed; what is left stays for the next run.
    public func runOnce() -> RunSummary {
        var summary = RunSummary()
        for outcome in engine.processPendingFiles().values {
            count(outcome, into: &summary)
        }
        let deadline = WallClock.now() + engine.config.delivery.onceDeadline
        while true {
            let report = deliver()
            summary.delivered += report.delivered
            summary.undelivered = report.remaining
            guard let next = report.nextAttemptAt, next <= deadline else { break }
            sleepUntil(next)
        }
        if summary.undelivered > 0 { try? deliverer.reportUndelivered() }
        logger.info(
            "run finished",
            [
                "files_applied": "\(summary.filesApplied)",
                "files_rejected": "\(summary.filesRejected)",
                "delivered": "\(summary.delivered)", "undelivered": "\(summary.undelivered)",
            ])
        return summary
    }

    /// Watches the inbox until `stop` becomes readable. Files are applied as they land,
    /// and the outbox is delivered after each file and whenever a retry falls due.
    /// `onReady` runs once the watch is set and the files already waiting are applied.
    public func run(until stop: StopSource, onReady: () -> Void = {}) throws(SystemError) {
        // The watch goes up before the scan, so a file landing between the two is seen.
        let watcher = try InboxWatcher(directory: engine.inbox.path)
        engine.processPendingFiles()
        var nextDelivery = deliver().nextAttemptAt
        onReady()
        logger.info(
            "watching inbox", ["inbox": engine.inbox.path, "rules": "\(engine.config.rules.count)"])
        while true {
            let wait = nextDelivery.map { max(0, $0 - WallClock.now()) } ?? 3600
            let ready = try waitForEvents([watcher.descriptor, stop.descriptor], seconds: wait)
            if ready.contains(stop.descriptor) { break }
            if ready.contains(watcher.descriptor) {
                watcher.drain()
                engine.processPendingFiles()
            }
            nextDelivery = deliver().nextAttemptAt
        }
        logger.info(
            "stopping", ["undelivered": "\((try? engine.store.outboxEntries().count) ?? 0)"])
    }

    private func deliver() -> DeliveryReport {
        do {
            return try deliverer.deliverDue()
        } catch {
            logger.error("outbox read failed", ["error.message": "\(error)"])
            return DeliveryReport()
        }
    }

    private func count(_ outcome: FileOutcome, into summary: inout RunSummary) {
        switch outcome {
        case .applied, .duplicate: summary.filesApplied += 1
        case .rejected, .failed: summary.filesRejected += 1
        }
    }

    /// Waits up to `seconds` for any descriptor to become readable (`poll`); returns the ready ones.
    private func waitForEvents(_ descriptors: [Int32], seconds: Double) throws(SystemError) -> Set<
        Int32
    > {
        var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds = Int32(min(seconds, 3600) * 1000)
        while poll(&entries, nfds_t(entries.count), milliseconds) < 0 {
            guard errno == EINTR else { throw SystemError(call: "poll", path: "-", errno: errno) }
        }
        return Set(entries.filter { $0.revents != 0 }.map(\.fd))
    }

    private func sleepUntil(_ time: Double) {
        let seconds = max(0, time - WallClock.now())
        var request = timespec(
            tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
