// The daemon loop: scan, watch the inbox, apply files, deliver the outbox, until told to stop.
import Glibc

/// What `runOnce` left behind.
public struct RunSummary: Sendable, Equatable {
    public var filesApplied = 0
    /// Files whose content was applied before, under this name or another; not counted
    /// as applied.
    public var filesDuplicate = 0
    public var filesRejected = 0
    public var delivered = 0
    /// Alert messages still in the outbox when the run ended.
    public var undelivered = 0
}

/// Runs the engine on the calling thread and the outbox delivery on a thread of its own,
/// and tells systemd about both.
public final class Daemon {
    public let engine: Engine
    /// Shared with the engine and the deliverer; the HTTP endpoint reads it.
    public let metrics: Metrics
    /// Sends the outbox; woken after each commit, drained with a deadline on stop.
    let delivery: DeliveryWorker
    var logger: Logger
    let notifier = SystemdNotifier()
    /// Wall time for what is shown; monotonic time for every wait and deadline.
    let clock: ServiceClock
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
    /// Messages in the outbox after the delivery thread's last step.
    var outboxDepth: Int { delivery.status.outboxDepth }
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
    var lastAbsenceCheck = 0.0
    private var lastStatus = ""
    /// When the last STATUS line went, on the monotonic clock.
    private var lastStatusAt = -Double.infinity
    /// A STATUS line held back by the interval, sent when the loop next wakes after it.
    private var pendingStatus: String?

    /// What delivery did since start-up, for metrics.
    public var deliveryCounters: DeliveryCounters { delivery.status.counters }

    /// Opens the state and prepares the inbox; nothing is applied yet.
    public init(config: Config, logger: Logger, clock: ServiceClock = .system)
        throws(EngineError)
    {
        metrics = Metrics()
        self.clock = clock
        engine = try Engine(config: config, logger: logger.child("ingest"), metrics: metrics)
        do {
            delivery = try DeliveryWorker(
                databasePath: config.databasePath, notifiers: config.notifiers,
                settings: config.delivery, logger: logger.child("notify"), metrics: metrics,
                clock: clock)
        } catch {
            throw .startup(underlying: "cannot open the outbox for delivery: \(error)")
        }
        watchdog = WatchdogTimer(timeout: notifier.watchdogTimeout(), clock: clock)
        snapshots = SnapshotBox(
            ServiceSnapshot(startedAt: clock.wall(), heartbeatAt: clock.monotonic()))
        watchedMetrics = Set(config.rules.flatMap(\.metrics))
        self.logger = logger
    }

    /// The port the HTTP endpoint listens on, while `run` runs; nil without one.
    public var httpPort: UInt16? { server?.port }

    /// Applies what is in the inbox now, then delivers until the outbox is empty or the
    /// delivery deadline has passed; what is left stays for the next run. A stop request
    /// from `control` ends the scan after the file in hand and delivery at once.
    public func runOnce(until control: (any ControlSource)? = nil) -> RunSummary {
        self.control = control
        engine.observer = self
        defer {
            engine.observer = nil
            self.control = nil
        }
        var summary = RunSummary()
        for outcome in engine.processPendingFiles().values {
            count(outcome, into: &summary)
        }
        // Files written moments before the run are left to settle by the scan (a writer
        // may still hold them); a one-shot run waits that out rather than skip them, for a
        // minute at most: a file still changing after that is left for the next run.
        let settleLimit = clock.monotonic() + 60
        while !isStopping, let settle = engine.secondsUntilSettled,
            clock.monotonic() < settleLimit
        {
            pause(seconds: settle + 0.05)
            for outcome in engine.processPendingFiles().values {
                count(outcome, into: &summary)
            }
        }
        engine.checkAbsence(now: WallClock.now())
        if !isStopping {
            deliver(until: clock.monotonic() + engine.config.delivery.onceDeadline)
        }
        summary.delivered = deliveryCounters.delivered
        summary.undelivered = (try? engine.store.outboxCount()) ?? 0
        if summary.undelivered > 0 {
            try? OutboxDeliverer.reportUndelivered(store: engine.store, logger: logger)
        }
        logger.info(
            "run finished",
            [
                "files_applied": "\(summary.filesApplied)",
                "files_rejected": "\(summary.filesRejected)",
                "delivered": "\(summary.delivered)", "undelivered": "\(summary.undelivered)",
            ])
        return summary
    }

    /// Starts the delivery thread, lets it drain until `deadline` (monotonic seconds) and
    /// waits for it.
    private func deliver(until deadline: Double) {
        do {
            try delivery.start()
        } catch {
            logger.error("delivery thread not started", ["error.message": "\(error)"])
            return
        }
        delivery.drain(until: deadline)
        waitForDeliveryToEnd()
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
        for advice in ServiceAdvice.review(engine.config) {
            logger.warning(
                "setting needs attention", ["advice": advice.message, "key": advice.key])
        }
        try startHTTP()
        try delivery.start()
        notifier.status("scanning the inbox folder \(engine.inbox.path)")
        // The watch goes up before the scan, so a file landing between the two is seen.
        let watcher = try InboxWatcher(directory: engine.inbox.path)
        engine.processPendingFiles()
        if !isStopping {
            onReady()
            enter(.running)
            notifier.ready(status: idleStatus())
            isReady = true
            lastStatus = idleStatus()
            lastStatusAt = clock.monotonic()
            logger.info(
                "watching inbox",
                ["inbox": engine.inbox.path, "rules": "\(engine.config.rules.count)"])
        }
        while !isStopping {
            if isReloadPending { reload() }
            let ready = try waitForEvents(
                [watcher.descriptor, control.descriptor, delivery.progressDescriptor],
                seconds: secondsToWait())
            watchdog.pingIfDue(notifier)
            beat()
            if ready.contains(delivery.progressDescriptor) {
                delivery.drain(delivery.progressDescriptor)
            }
            if ready.contains(control.descriptor) { takeControlRequests() }
            if isStopping { break }
            let landed = ready.contains(watcher.descriptor) ? watcher.drain() : InboxEvents()
            engine.processLanded(landed)
            checkAbsenceIfDue()
            publish(force: true)
            reportStatus(idleStatus())
        }
        pendingStatus = nil
        shutDown()
    }

    /// Reads what the control source has for us and raises the matching flags.
    /// Waits `seconds`, or less when a stop request comes in meanwhile.
    private func pause(seconds: Double) {
        let descriptors = control.map { [$0.descriptor] } ?? []
        let ready = (try? waitForEvents(descriptors, seconds: seconds)) ?? []
        if !ready.isEmpty { takeControlRequests() }
    }

    func takeControlRequests() {
        for request in control?.takeRequests() ?? [] {
            switch request {
            case .stop: isStopping = true
            case .reload: isReloadPending = true
            }
        }
    }

    /// Sends a STATUS line when it says something new, at most one per
    /// `statusInterval`: a burst of deliveries sends one line, the latest, once the interval
    /// is over (the loop wakes up for it).
    func reportStatus(_ status: String) {
        guard status != lastStatus else {
            pendingStatus = nil
            return
        }
        let now = clock.monotonic()
        guard now - lastStatusAt >= Self.statusInterval else {
            pendingStatus = status
            return
        }
        pendingStatus = nil
        lastStatus = status
        lastStatusAt = now
        notifier.status(status)
    }

    /// The shortest time between two STATUS lines, in seconds.
    static let statusInterval = 0.5

    func idleStatus() -> String {
        var parts = [
            Plural.count(progress.filesApplied, "file") + " applied"
        ]
        if progress.filesDuplicate > 0 {
            parts.append(Plural.count(progress.filesDuplicate, "duplicate") + " skipped")
        }
        parts.append("\(progress.filesRejected) rejected since start")
        return "watching the inbox; " + parts.joined(separator: ", ") + "; "
            + Plural.count(outboxDepth, "alert message") + " waiting"
    }

    func count(_ outcome: FileOutcome, into summary: inout RunSummary) {
        switch outcome {
        case .applied: summary.filesApplied += 1
        case .duplicate: summary.filesDuplicate += 1
        case .rejected, .failed: summary.filesRejected += 1
        }
    }

    /// Until the next watchdog ping, or a while when nothing else wakes the loop.
    private func secondsToWait() -> Double {
        // Now and then, so the status line shows the outbox the delivery thread works on.
        var wait = 60.0
        if let ping = watchdog.secondsUntilDue() { wait = min(wait, ping) }
        // Wake up now and then so /healthz can tell a quiet loop from a stuck one.
        if server != nil { wait = min(wait, 10) }
        if engine.watchesAbsence { wait = min(wait, Engine.absenceCheckInterval) }
        if let settle = engine.secondsUntilSettled { wait = min(wait, settle + 0.05) }
        if pendingStatus != nil {
            wait = min(wait, max(0, lastStatusAt + Self.statusInterval - clock.monotonic()))
        }
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

}
