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

/// Runs the engine and the outbox deliverer on one thread, and tells systemd about it.
public final class Daemon {
    public let engine: Engine
    /// Shared with the engine and the deliverer; the HTTP endpoint reads it.
    public let metrics: Metrics
    var deliverer: OutboxDeliverer
    var logger: Logger
    let notifier = SystemdNotifier()
    var watchdog: WatchdogTimer
    /// A `--log-level` from the command line, which wins over the config's, also on reload.
    public var logLevelOverride: Logger.Level?

    /// Where the control requests of a running loop come from.
    var control: (any ControlSource)?
    /// Set by a stop request; the loop ends once the file in hand is finished.
    var isStopping = false
    /// Set by a reload request; the loop reloads between files.
    var isReloadPending = false
    /// Files finished since start, for status lines.
    var progress = RunSummary()
    /// Messages in the outbox after the last delivery pass.
    var outboxDepth = 0
    /// True once systemd was told READY.
    var isReady = false
    /// When the start timeout was last extended, on the monotonic clock.
    var lastExtension = MonotonicClock.now()

    /// What the HTTP endpoints read; written only from this daemon's thread.
    public let snapshots: SnapshotBox
    /// The loopback endpoint, while `run` runs and the config asks for one.
    var server: HTTPServer?
    /// Recent values for the status page's charts.
    var recent = RecentValues()
    /// Metrics some rule watches; only their values are kept for charts.
    var watchedMetrics: Set<String>
    /// When the snapshot was last published, on the monotonic clock.
    var lastPublish = 0.0
    /// When `absent` rules were last judged on the wall clock.
    var lastSilenceCheck = 0.0
    private var lastStatus = ""

    /// What delivery did since start-up, for metrics.
    public var deliveryCounters: DeliveryCounters { deliverer.counters }

    /// Opens the state and prepares the inbox; nothing is applied yet.
    public init(config: Config, logger: Logger) throws(EngineError) {
        metrics = Metrics()
        engine = try Engine(config: config, logger: logger.child("ingest"), metrics: metrics)
        deliverer = Daemon.makeDeliverer(engine, config: config, logger: logger)
        watchdog = WatchdogTimer(timeout: notifier.watchdogTimeout())
        snapshots = SnapshotBox(ServiceSnapshot(startedAt: WallClock.now()))
        watchedMetrics = Set(config.rules.flatMap(\.metrics))
        self.logger = logger
    }

    /// The port the HTTP endpoint listens on, while `run` runs; nil without one.
    public var httpPort: UInt16? { server?.port }

    static func makeDeliverer(_ engine: Engine, config: Config, logger: Logger)
        -> OutboxDeliverer
    {
        OutboxDeliverer(
            store: engine.store, notifiers: config.notifiers, settings: config.delivery,
            logger: logger.child("notify"), metrics: engine.metrics)
    }

    /// Applies what is in the inbox now, then delivers until the outbox is empty or the
    /// delivery deadline has passed; what is left stays for the next run.
    public func runOnce() -> RunSummary {
        var summary = RunSummary()
        for outcome in engine.processPendingFiles().values {
            count(outcome, into: &summary)
        }
        engine.checkSilence(now: WallClock.now())
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

    /// Watches the inbox until `control` asks to stop. Files are applied as they land,
    /// the outbox is delivered after each file and whenever a retry falls due, and a
    /// reload request reads the config again. `onReady` runs once the watch is set and
    /// the files already waiting are applied, just before systemd hears READY.
    /// A stop finishes the file in hand, then delivers for `delivery.stop_deadline`.
    public func run(until control: any ControlSource, onReady: () -> Void = {})
        throws(SystemError)
    {
        self.control = control
        engine.observer = self
        defer {
            engine.observer = nil
            self.control = nil
        }
        try startHTTP()
        notifier.status("scanning inbox \(engine.inbox.path)")
        // The watch goes up before the scan, so a file landing between the two is seen.
        let watcher = try InboxWatcher(directory: engine.inbox.path)
        engine.processPendingFiles()
        var nextDelivery = isStopping ? nil : deliver().nextAttemptAt
        if !isStopping {
            onReady()
            enter(.running)
            notifier.ready(status: idleStatus())
            isReady = true
            lastStatus = idleStatus()
            logger.info(
                "watching inbox",
                ["inbox": engine.inbox.path, "rules": "\(engine.config.rules.count)"])
        }
        while !isStopping {
            if isReloadPending { reload() }
            let wait = secondsToWait(nextDelivery: nextDelivery)
            let ready = try waitForEvents([watcher.descriptor, control.descriptor], seconds: wait)
            watchdog.pingIfDue(notifier)
            beat()
            if ready.contains(control.descriptor) { takeControlRequests() }
            if isStopping { break }
            if ready.contains(watcher.descriptor) {
                watcher.drain()
                engine.processPendingFiles()
            }
            checkSilenceIfDue()
            if !isStopping { nextDelivery = deliver().nextAttemptAt }
            publish(force: true)
            reportStatus(idleStatus())
        }
        shutDown()
    }

    /// Reads what the control source has for us and raises the matching flags.
    func takeControlRequests() {
        for request in control?.takeRequests() ?? [] {
            switch request {
            case .stop: isStopping = true
            case .reload: isReloadPending = true
            }
        }
    }

    /// One delivery pass over everything due.
    ///
    /// Limitation: the watchdog is not pinged inside a pass, so `WatchdogSec=` must exceed
    /// the longest pass (about `delivery.timeout` per failing lane); pinging between
    /// messages would need a hook in the deliverer.
    func deliver() -> DeliveryReport {
        do {
            let report = try deliverer.deliverDue()
            outboxDepth = report.remaining
            return report
        } catch {
            logger.error("outbox read failed", ["error.message": "\(error)"])
            return DeliveryReport()
        }
    }

    /// Sends a STATUS line when it says something new.
    func reportStatus(_ status: String) {
        guard status != lastStatus else { return }
        lastStatus = status
        notifier.status(status)
    }

    func idleStatus() -> String {
        "watching inbox; \(progress.filesApplied) files applied, \(progress.filesRejected) "
            + "rejected since start; \(outboxDepth) alert messages waiting"
    }

    func count(_ outcome: FileOutcome, into summary: inout RunSummary) {
        switch outcome {
        case .applied, .duplicate: summary.filesApplied += 1
        case .rejected, .failed: summary.filesRejected += 1
        }
    }

    /// Until the next delivery retry or watchdog ping, whichever comes first.
    private func secondsToWait(nextDelivery: Double?) -> Double {
        let now = WallClock.now()
        var wait = nextDelivery.map { max(0, $0 - now) } ?? 3600
        if let ping = watchdog.secondsUntilDue() { wait = min(wait, ping) }
        // Wake up now and then so /healthz can tell a quiet loop from a stuck one.
        if server != nil { wait = min(wait, 10) }
        if engine.watchesSilence { wait = min(wait, Engine.silenceCheckInterval) }
        return wait
    }

    /// Waits up to `seconds` for any descriptor to become readable (`poll`); returns the
    /// ready ones.
    func waitForEvents(_ descriptors: [Int32], seconds: Double) throws(SystemError) -> Set<Int32> {
        var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let milliseconds = Int32((min(seconds, 3600) * 1000).rounded(.up))
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
