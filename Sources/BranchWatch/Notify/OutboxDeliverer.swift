// Sends what waits in the outbox and removes each message once its platform accepted it.
import Glibc

/// What one delivery pass did.
public struct DeliveryReport: Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    /// Messages still in the outbox after the pass.
    public var remaining = 0
    /// When the earliest remaining message may go, in epoch seconds (an estimate: delivery
    /// waits on the monotonic clock).
    public var nextAttemptAt: Double?
}

/// Running totals of what delivery did since the process started; for metrics.
public struct DeliveryCounters: Sendable, Equatable {
    public var delivered = 0
    /// Attempts that failed in a passing way and will be retried.
    public var retried = 0
    /// Answers that asked us to slow down.
    public var rateLimited = 0
    /// Messages a platform refused for good (bad token, bad signature).
    public var permanentFailures = 0
    /// Messages moved to the dead-letter table: refused for good, or too old.
    public var deadLettered = 0
    /// Queued messages dropped because a silence added since mutes them.
    public var muted = 0
}

/// Delivers outbox messages at least once, in order per rule and notifier.
///
/// The first message of every lane (notifier and order key) that is due goes out through
/// libcurl's multi interface; each answer is recorded as soon as it comes, and the next
/// message of that lane goes once the one before it is accepted or given up, so "resolved"
/// never overtakes its "firing". A notifier has at most `max_in_flight` requests open and
/// stays within its platform's rate windows, so a slow or hanging one holds back only its
/// own messages. Failures retry with exponential backoff and jitter, honouring
/// `Retry-After`. Owned by one thread.
public final class OutboxDeliverer {
    let store: StateStore
    private(set) var notifiers: [String: NotifierConfig]
    private(set) var settings: DeliverySettings
    let logger: Logger
    private let transport: HTTPTransport
    var windows: [String: SendWindow] = [:]
    /// What delivery did since start-up.
    public internal(set) var counters = DeliveryCounters()
    let metrics: Metrics
    /// Requests open now, by outbox id.
    private var inFlight: [Int64: Sending] = [:]
    /// The clocks as the system (or a test) has them.
    private let baseClock: ServiceClock
    /// `baseClock`, shifted only while `deliverDue` runs at a caller's `now`.
    private var clock: ServiceClock
    /// When each message may go next, in monotonic seconds. Learnt from the stored
    /// wall-clock time when a message is first seen and kept from then on, so a wall clock
    /// set back cannot delay a retry, and a message new to the outbox is due at once.
    var dueAt: [Int64: Double] = [:]
    /// The last configuration problem logged per notifier, so each is logged once.
    var loggedProblems: [String: String] = [:]
    /// The outbox as this deliverer knows it; every change it writes is applied here too.
    var queue = OutboxQueue()
    /// Outcomes known but not yet written to the outbox (the store refused the write),
    /// oldest first. Their requests are over, so they hold no request slot; their rows stay
    /// queued, and they are written before anything else is sent, so a message whose answer
    /// came is not sent again unless the process ends first.
    var unrecorded: [(entry: OutboxEntry, verdict: DeliveryVerdict)] = []
    /// Failed reads and writes since the last success, and when to try again.
    var outage = StoreOutage()

    private struct Sending {
        var entry: OutboxEntry
        var secrets: [String]
    }

    public init(
        store: StateStore, notifiers: [String: NotifierConfig], settings: DeliverySettings,
        logger: Logger, metrics: Metrics = Metrics(), clock: ServiceClock = .system
    ) {
        baseClock = clock
        self.clock = clock
        self.store = store
        self.notifiers = notifiers
        self.settings = settings
        self.logger = logger
        transport = HTTPTransport(
            connectTimeout: settings.connectTimeout, totalTimeout: settings.requestTimeout)
        self.metrics = metrics
    }

    /// Uses new notifiers and settings from the next request on; open requests, send
    /// windows and counters are kept.
    public func update(notifiers: [String: NotifierConfig], settings: DeliverySettings) {
        self.notifiers = notifiers
        self.settings = settings
        transport.connectTimeout = settings.connectTimeout
        transport.totalTimeout = settings.requestTimeout
        windows = windows.filter { name, window in
            notifiers[name] != nil && window.rate == rate(of: name) ?? SendingRate([])
        }
    }

    /// The current time in epoch seconds, for what is stored, signed or shown.
    var now: Double { clock.wall() }

    /// The current monotonic time, for every wait.
    var tick: Double { clock.monotonic() }

    /// True when no request is open.
    public var isIdle: Bool { inFlight.isEmpty }

    /// Sends every message that is due at `now` and waits for the answers, going on while
    /// more messages fall due; then says what is left and when it is due.
    public func deliverDue(now start: Double = WallClock.now()) throws(StoreError)
        -> DeliveryReport
    {
        clock = baseClock.shifted(by: start - baseClock.wall())
        defer { clock = baseClock }
        // A caller stepping the deliverer by hand may have changed the outbox in between,
        // or freed the database: this pass tries it at once.
        queue.invalidate()
        outage.retryNow()
        var report = DeliveryReport()
        while try startDue(into: &report) || !inFlight.isEmpty {
            if !inFlight.isEmpty { try collect(waiting: 1, wake: nil, into: &report) }
        }
        try summarise(into: &report)
        return report
    }

    /// Counts what is left in the outbox and when the earliest of it may go.
    public func summarise(into report: inout DeliveryReport) throws(StoreError) {
        try refreshQueue()
        let tick = self.tick
        report.remaining = queue.count
        report.nextAttemptAt = nextStart(tick: tick).map { $0 - tick + now }
    }

    /// Reads what was queued since the last look; the whole outbox after a failed write.
    private func refreshQueue() throws(StoreError) {
        do throws(StoreError) {
            try queue.refresh(from: store)
        } catch {
            queue.invalidate()
            throw error
        }
    }

    // MARK: - Choosing what goes

    /// Writes the outcomes the store refused before, then starts the first message of each
    /// lane that is due, whose lane has nothing open and whose notifier may send; true when
    /// anything was started or settled.
    ///
    /// Throws the store failure that begins an outage; while it lasts, this does nothing
    /// until `nextStart`, then tries the store again and fails quietly.
    @discardableResult
    public func startDue(into report: inout DeliveryReport) throws(StoreError) -> Bool {
        guard outage.allowsAttempt(at: tick) else { return false }
        do throws(StoreError) {
            let settled = try recordUnrecorded(into: &report)
            let started = try startLaneHeads(into: &report)
            storeWorks()
            return settled || started
        } catch {
            // The write may have failed after the copy was changed, or the other way round.
            queue.invalidate()
            try storeFailed(error)
            return false
        }
    }

    private func startLaneHeads(into report: inout DeliveryReport) throws(StoreError) -> Bool {
        let now = self.now
        let tick = self.tick
        try queue.refresh(from: store)
        try retireExpired(expiredEntries(now: now), now: now)
        forgetSchedules()
        var progressed = false
        var seen: Set<String> = []
        // Notifiers that may start nothing more in this pass; once all are, the pass ends,
        // so a pass costs the lanes it starts, not the length of the outbox.
        var full: Set<String> = []
        var silences: [Silence]?
        for item in queue.items where !full.contains(item.entry.notifier) {
            let entry = item.entry
            guard seen.insert(item.lane).inserted, inFlight[entry.id] == nil,
                due(entry, now: now, tick: tick) <= tick
            else { continue }
            guard mayStart(entry, tick) else {
                full.insert(entry.notifier)
                if full.count >= queue.countByNotifier.count { break }
                continue
            }
            progressed = true
            let active: [Silence]
            if let silences {
                active = silences
            } else {
                active = try store.silences(since: now)
            }
            silences = active
            if let silence = try mutingSilence(for: entry, silences: active) {
                try dropMuted(entry, by: silence)
                // The next message of this lane may go in this same pass.
                seen.remove(item.lane)
                continue
            }
            switch prepare(entry, now: now) {
            case .done(let verdict):
                try recordOrKeep(verdict, for: entry, into: &report)
            case .unresolved(let error):
                try hold(entry, because: error, now: now, into: &report)
            case .send(let request, let secrets):
                windows[entry.notifier]?.record(tick)
                inFlight[entry.id] = Sending(entry: entry, secrets: secrets)
                transport.start(request, tag: Int(entry.id))
            }
        }
        return progressed
    }

    /// Waits up to `seconds` for answers, or until `wake` is readable, and records them.
    ///
    /// Every finished request gives up its slot whatever happens to its answer; an answer
    /// the store refuses is kept and written again before its lane sends anything more.
    /// Throws the store failure that begins an outage, as `startDue` does.
    public func collect(waiting seconds: Double, wake: Int32?, into report: inout DeliveryReport)
        throws(StoreError)
    {
        for (tag, result) in transport.poll(seconds: seconds, wake: wake) {
            guard let sending = inFlight.removeValue(forKey: Int64(tag)) else { continue }
            let verdict = judge(result, for: sending.entry, now: now)
            unrecorded.append((sending.entry, verdict.scrubbed(of: sending.secrets)))
        }
        guard !unrecorded.isEmpty, outage.allowsAttempt(at: tick) else { return }
        do throws(StoreError) {
            try recordUnrecorded(into: &report)
            storeWorks()
        } catch {
            queue.invalidate()
            try storeFailed(error)
        }
    }

    /// Drops every open request; their messages stay in the outbox as they were. Outcomes
    /// not yet written are kept for the next step.
    public func abandonInFlight() {
        _ = transport.cancelAll()
        inFlight = [:]
    }

    /// When the next lane head may start, in monotonic seconds; nil when none can before an
    /// answer comes. During a store outage, when the store is to be tried again.
    public func nextStart() throws(StoreError) -> Double? {
        if outage.isOngoing { return outage.retryAt }
        do throws(StoreError) {
            try refreshQueue()
        } catch {
            try storeFailed(error)
            return outage.retryAt
        }
        return nextStart(tick: tick)
    }

    private func nextStart(tick: Double) -> Double? {
        let now = self.now
        var seen: Set<String> = []
        // Notifiers with every request slot taken: none of their lanes can start.
        var full: Set<String> = []
        var earliest: Double?
        for item in queue.items where !full.contains(item.entry.notifier) {
            let entry = item.entry
            guard seen.insert(item.lane).inserted, inFlight[entry.id] == nil else { continue }
            guard openCount(entry.notifier) < limit(entry.notifier) else {
                full.insert(entry.notifier)
                if full.count >= queue.countByNotifier.count { break }
                continue
            }
            let allowed = windows[entry.notifier]?.availableAt(now: tick) ?? tick
            let time = max(due(entry, now: now, tick: tick), allowed)
            earliest = min(earliest ?? time, time)
        }
        return earliest
    }

    /// When `entry` may go, in monotonic seconds. A message seen for the first time is due
    /// at its stored time, but never later than the longest wait this deliverer schedules,
    /// and at once when it was never tried: a wall clock set back makes the stored time
    /// look further away than it is.
    private func due(_ entry: OutboxEntry, now: Double, tick: Double) -> Double {
        if let known = dueAt[entry.id] { return known }
        let wait =
            entry.attempts == 0
            ? 0 : min(max(0, entry.nextAttemptAt - now), longestWait(entry.notifier))
        dueAt[entry.id] = tick + wait
        return tick + wait
    }

    /// The longest wait `retry` or `hold` ever schedules for a notifier's message.
    func longestWait(_ notifier: String) -> Double {
        let documented = notifiers[notifier].map {
            NotifierPlatform.forType($0.type).documentedPause
        }
        return max(settings.maximumBackoff, documented ?? 0)
    }

    /// Schedules the next attempt of `entry` in `wait` seconds from now.
    func schedule(_ entry: OutboxEntry, in wait: Double) {
        dueAt[entry.id] = tick + wait
    }

    /// Drops the schedules of messages that left the outbox behind this deliverer's back
    /// (the ones it removes itself are dropped as it removes them).
    private func forgetSchedules() {
        guard dueAt.count > queue.count else { return }
        let ids = Set(queue.items.map(\.entry.id))
        dueAt = dueAt.filter { ids.contains($0.key) }
    }

    /// Queued messages older than `max_age` that are not being sent.
    private func expiredEntries(now: Double) -> [OutboxEntry] {
        queue.items.compactMap { item in
            now - item.entry.createdAt > settings.maximumAge && inFlight[item.entry.id] == nil
                ? item.entry : nil
        }
    }

    /// Removes a message from the outbox, then from what this deliverer knows of it.
    func removeQueued(_ entry: OutboxEntry) throws(StoreError) {
        try store.removeFromOutbox(id: entry.id)
        forget(entry)
    }

    /// Forgets a message that left the outbox.
    func forget(_ entry: OutboxEntry) {
        queue.remove(id: entry.id)
        dueAt[entry.id] = nil
    }

    /// Records a failed attempt in the outbox, then in what this deliverer knows of it.
    func postponeQueued(_ entry: OutboxEntry, until time: Double, error: String)
        throws(StoreError)
    {
        try store.postpone(id: entry.id, until: time, error: error)
        queue.postpone(id: entry.id, until: time, error: error)
    }

    /// Whether the notifier of `entry` has room for one more request at monotonic `now`.
    private func mayStart(_ entry: OutboxEntry, _ now: Double) -> Bool {
        guard openCount(entry.notifier) < limit(entry.notifier) else { return false }
        if windows[entry.notifier] == nil, let rate = rate(of: entry.notifier) {
            windows[entry.notifier] = SendWindow(rate)
        }
        return windows[entry.notifier]?.availableAt(now: now) == nil
    }

    private func openCount(_ notifier: String) -> Int {
        inFlight.values.count { $0.entry.notifier == notifier }
    }

    private func limit(_ notifier: String) -> Int {
        notifiers[notifier]?.maxInFlight ?? 1
    }

    /// The notifier's own `rate_per_minute`, else its platform's documented rate.
    private func rate(of name: String) -> SendingRate? {
        guard let notifier = notifiers[name] else { return nil }
        let platform = NotifierPlatform.forType(notifier.type).rate
        guard let perMinute = notifier.ratePerMinute else { return platform }
        return (platform ?? SendingRate([])).overridingMinute(with: perMinute)
    }

    // MARK: - Sending

    private enum Preparation {
        case done(DeliveryVerdict)
        case send(HTTPRequest, secrets: [String])
        /// The notifier's URL or secret cannot be read: an operator must act.
        case unresolved(SecretError)
    }

    /// Resolves the notifier's URL and secret and signs the request; console prints at once.
    private func prepare(_ entry: OutboxEntry, now: Double) -> Preparation {
        guard let notifier = notifiers[entry.notifier] else {
            let reason = "no notifier named \"\(entry.notifier)\" in the config any more"
            return .done(.retry(reason: reason, after: nil))
        }
        if notifier.type == .console {
            ConsoleText.out(entry.payload)
            return .done(.accepted)
        }
        do {
            let url = try SecretReference.resolveURL(notifier.url)
            let secret = try notifier.secret.map { text throws(SecretError) in
                try SecretReference.resolve(text)
            }
            let platform = NotifierPlatform.forType(notifier.type)
            let request = platform.request(
                payload: entry.payload, url: url, secret: secret, now: now)
            var secrets = [request.url, url] + (secret.map { [$0] } ?? [])
            if SecretReference(notifier.url) != nil { secrets += Self.tokenParts(of: url) }
            return .send(request, secrets: secrets)
        } catch {
            return .unresolved(error)
        }
    }

    /// The parts of a URL kept as a secret that may be a token on their own: query values
    /// and long path segments, so an answer echoing one does not leak it into a log.
    static func tokenParts(of url: String) -> [String] {
        let afterScheme = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst(2)
        var parts: [String] = []
        for segment in afterScheme {
            let pieces = segment.split(whereSeparator: { "?&=".contains($0) })
            parts += pieces.filter { $0.count >= 8 }.map(String.init)
        }
        return parts
    }

    private func judge(
        _ result: Result<HTTPResponse, TransportError>, for entry: OutboxEntry, now: Double
    ) -> DeliveryVerdict {
        switch result {
        case .failure(let error):
            return .retry(reason: error.description, after: nil)
        case .success(let response):
            guard let notifier = notifiers[entry.notifier] else { return .accepted }
            return NotifierPlatform.forType(notifier.type).verdict(response, now: now)
        }
    }

    /// Holds back every message of a notifier that asked us to slow down, until monotonic
    /// `time`.
    func pauseNotifier(_ name: String, until time: Double) {
        var window = windows[name] ?? SendWindow(rate(of: name) ?? SendingRate([]))
        window.pause(until: time)
        windows[name] = window
    }

    /// Exponential backoff with jitter: half to all of `initial * 2^(attempts-1)`, capped.
    func backoff(afterAttempts attempts: Int) -> Double {
        let exponential = settings.initialBackoff * pow(2, Double(min(attempts - 1, 30)))
        let capped = min(exponential, settings.maximumBackoff)
        return capped * Double.random(in: 0.5...1.0)
    }
}

extension DeliveryVerdict {
    /// The same verdict with every secret in its reason replaced by `***`.
    func scrubbed(of secrets: [String]) -> DeliveryVerdict {
        func clean(_ text: String) -> String {
            secrets.filter { $0.count >= 4 }.reduce(text) { $0.replacingAll($1, with: "***") }
        }
        switch self {
        case .accepted: return self
        case .retry(let reason, let after): return .retry(reason: clean(reason), after: after)
        case .rateLimited(let reason, let after):
            return .rateLimited(reason: clean(reason), after: after)
        case .permanent(let reason): return .permanent(reason: clean(reason))
        }
    }
}
