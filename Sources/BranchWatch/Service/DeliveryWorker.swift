// Delivers the outbox on a thread of its own, so ingest and stopping never wait on a chat.
import CLinux
import Glibc
import Synchronization

/// What the delivery thread has done, as last published.
public struct DeliveryStatus: Sendable, Equatable {
    public var counters = DeliveryCounters()
    /// Messages in the outbox after the thread's last step.
    public var outboxDepth = 0
}

/// Runs an `OutboxDeliverer` on its own thread with its own SQLite connection (WAL lets it
/// read and write beside the engine's). The engine's thread wakes it after each commit
/// through an eventfd; it sleeps in `curl_multi_poll` on that eventfd otherwise, so a stop
/// or new work is seen at once even while requests hang.
///
/// Every method may be called from any thread. Why `@unchecked Sendable` is safe: the
/// deliverer and its store are touched only by the worker thread once it started (before
/// that, only by `init`); what other threads see lives in `shared` or the eventfds.
public final class DeliveryWorker: @unchecked Sendable {
    private enum Mode: Equatable {
        case running
        /// Deliver what is due, then end when the outbox is empty or at the deadline.
        case draining(until: Double)
        case stopping
    }

    private struct Shared {
        var mode = Mode.running
        var update: (notifiers: [String: NotifierConfig], settings: DeliverySettings)?
        var status = DeliveryStatus()
    }

    private let wakeDescriptor: Int32
    /// When the delivery thread last checkpointed, on the monotonic clock.
    private var lastCheckpoint = -Double.infinity
    static let checkpointInterval = 1.0
    /// Readable once the delivery thread has ended.
    public let finishedDescriptor: Int32
    /// Readable after a step that settled messages, so the owner can refresh what it shows.
    public let progressDescriptor: Int32
    private let shared = Mutex(Shared())
    private let deliverer: OutboxDeliverer
    private let logger: Logger
    private let clock: ServiceClock
    private var thread: OSThread?

    /// Opens a second connection to the state database at `databasePath`.
    public init(
        databasePath: String, notifiers: [String: NotifierConfig], settings: DeliverySettings,
        logger: Logger, metrics: Metrics, clock: ServiceClock = .system
    ) throws {
        wakeDescriptor = try Self.eventDescriptor()
        finishedDescriptor = try Self.eventDescriptor()
        progressDescriptor = try Self.eventDescriptor()
        let store = try StateStore(path: databasePath)
        deliverer = OutboxDeliverer(
            store: store, notifiers: notifiers, settings: settings, logger: logger,
            metrics: metrics, clock: clock)
        self.logger = logger
        self.clock = clock
    }

    deinit {
        stop()
        thread?.join()
        close(wakeDescriptor)
        close(finishedDescriptor)
        close(progressDescriptor)
    }

    private static func eventDescriptor() throws(SystemError) -> Int32 {
        let descriptor = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard descriptor >= 0 else {
            throw SystemError(call: "eventfd", path: "-", errno: errno)
        }
        return descriptor
    }

    /// Starts the delivery thread.
    public func start() throws(SystemError) {
        guard thread == nil else { return }
        thread = try OSThread { [self] in
            loop()
            Self.post(finishedDescriptor)
        }
    }

    /// What the thread has done so far.
    public var status: DeliveryStatus { shared.withLock { $0.status } }

    /// Says that new messages may wait in the outbox.
    public func wake() {
        Self.post(wakeDescriptor)
    }

    /// Uses these notifiers and settings from the next step on (after a reload).
    public func reconfigure(notifiers: [String: NotifierConfig], settings: DeliverySettings) {
        shared.withLock { $0.update = (notifiers, settings) }
        wake()
    }

    /// Delivers what is due until the outbox is empty or `deadline` (monotonic seconds, see
    /// `ServiceClock`) has passed, then ends; requests still open then are abandoned and stay in the outbox.
    public func drain(until deadline: Double) {
        shared.withLock { shared in
            if shared.mode != .stopping { shared.mode = .draining(until: deadline) }
        }
        wake()
    }

    /// Ends as soon as the thread wakes; open requests are abandoned, their messages stay.
    public func stop() {
        shared.withLock { $0.mode = .stopping }
        wake()
    }

    /// Waits up to `seconds` for the thread to end; true when it has.
    public func join(timeout seconds: Double) -> Bool {
        guard let thread else { return true }
        var entry = pollfd(fd: finishedDescriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, seconds) * 1000)
        var ready = poll(&entry, 1, milliseconds)
        while ready < 0 && errno == EINTR { ready = poll(&entry, 1, milliseconds) }
        guard ready > 0 else { return false }
        thread.join()
        return true
    }

    // MARK: - The delivery thread

    private func loop() {
        deliverer.reportUnresolvedReferences()
        while let deadline = nextMode() {
            do {
                guard try step(deadline: deadline) else { break }
            } catch {
                logger.error("outbox read failed", ["error.message": "\(error)"])
                waitForWake(seconds: 1)
            }
        }
        // Answers that have already arrived are recorded before the rest is abandoned.
        var report = DeliveryReport()
        try? deliverer.collect(waiting: 0, wake: nil, into: &report)
        deliverer.abandonInFlight()
        publish()
    }

    /// Applies a pending reconfiguration and returns the drain deadline (infinity while
    /// running), or nil when asked to stop.
    private func nextMode() -> Double? {
        let (mode, update) = shared.withLock { shared in
            defer { shared.update = nil }
            return (shared.mode, shared.update)
        }
        if let update {
            deliverer.update(notifiers: update.notifiers, settings: update.settings)
            deliverer.reportUnresolvedReferences()
        }
        switch mode {
        case .running: return .infinity
        case .draining(let deadline): return deadline
        case .stopping: return nil
        }
    }

    /// Starts what is due, then waits for answers, the next due time or a wake-up; false
    /// when a drain is over.
    private func step(deadline: Double) throws(StoreError) -> Bool {
        var report = DeliveryReport()
        let now = clock.monotonic()
        guard now < deadline else { return false }
        try deliverer.startDue(into: &report)
        let next = try deliverer.nextStart()
        if deadline.isFinite, deliverer.isIdle, next.map({ $0 > deadline }) ?? true {
            return false
        }
        checkpointIfIdle(now: now)
        let wait = min(next.map { $0 - now } ?? 3600, deadline - now, 3600)
        try deliverer.collect(waiting: max(0, wait), wake: wakeDescriptor, into: &report)
        drain(wakeDescriptor)
        publish()
        if report.delivered + report.failed > 0 { Self.post(progressDescriptor) }
        return true
    }

    /// Copies the write-ahead log into the database while no request is open, at most
    /// once every `checkpointInterval` seconds, so the engine's commits need not (see
    /// `Database.setAutoCheckpoint`). A failure is left to the next try: the engine
    /// still copies the log itself past its mark.
    private func checkpointIfIdle(now: Double) {
        guard deliverer.isIdle, now - lastCheckpoint >= Self.checkpointInterval else { return }
        lastCheckpoint = now
        _ = try? deliverer.store.database.checkpoint()
    }

    private func publish() {
        let depth = (try? deliverer.store.outboxCount()) ?? 0
        let counters = deliverer.counters
        shared.withLock { $0.status = DeliveryStatus(counters: counters, outboxDepth: depth) }
    }

    private func waitForWake(seconds: Double) {
        var entry = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, Int32(seconds * 1000))
        drain(wakeDescriptor)
    }

    /// Empties an eventfd this class posts to.
    public func drain(_ descriptor: Int32) {
        var counter: UInt64 = 0
        _ = read(descriptor, &counter, 8)
    }

    private static func post(_ descriptor: Int32) {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }
}
