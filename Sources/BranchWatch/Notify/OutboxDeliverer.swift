// Sends what waits in the outbox and removes each message once its platform accepted it.
import Glibc

/// What one delivery pass did.
public struct DeliveryReport: Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    /// Messages still in the outbox after the pass.
    public var remaining = 0
    /// When the earliest remaining message may go, in epoch seconds.
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
}

/// Delivers outbox messages at least once, in order per rule and notifier.
///
/// Each pass sends the first message of every lane (notifier and order key) that is due,
/// all at once through libcurl's multi interface; the next message of a lane waits until
/// the one before it is accepted or given up, so "resolved" never overtakes its "firing".
/// Failures retry with exponential backoff and jitter, honouring `Retry-After`.
///
/// Limitation: a pass blocks its caller until every request in it has finished (at most
/// the request timeout), so ingest waits meanwhile; driving the multi handle from the
/// daemon's own poll loop would remove that wait.
public final class OutboxDeliverer {
    let store: StateStore
    let notifiers: [String: NotifierConfig]
    let settings: DeliverySettings
    let logger: Logger
    private let transport: HTTPTransport
    var buckets: [String: TokenBucket] = [:]
    /// What delivery did since start-up.
    public internal(set) var counters = DeliveryCounters()
    let metrics: Metrics

    public init(
        store: StateStore, notifiers: [String: NotifierConfig], settings: DeliverySettings,
        logger: Logger, metrics: Metrics = Metrics()
    ) {
        self.store = store
        self.notifiers = notifiers
        self.settings = settings
        self.logger = logger
        transport = HTTPTransport(
            connectTimeout: settings.connectTimeout, totalTimeout: settings.requestTimeout)
        self.metrics = metrics
    }

    /// Sends every message that is due at `now`, then says what is left and when it is due.
    public func deliverDue(now: Double = WallClock.now()) throws(StoreError) -> DeliveryReport {
        var report = DeliveryReport()
        try retireExpired(try store.outboxEntries(), now: now)
        let due = selectDue(try store.outboxEntries(), now: now)
        for (entry, verdict) in attempt(due, now: now) {
            try record(verdict, for: entry, now: WallClock.now(), into: &report)
        }
        let left = try store.outboxEntries()
        report.remaining = left.count
        report.nextAttemptAt = nextAttempt(left, now: WallClock.now())
        return report
    }

    // MARK: - Choosing what goes

    /// The first message of each lane, when it is due and its notifier may send.
    private func selectDue(_ entries: [OutboxEntry], now: Double) -> [OutboxEntry] {
        var seen: Set<String> = []
        var due: [OutboxEntry] = []
        for entry in entries where seen.insert(lane(entry)).inserted {
            guard entry.nextAttemptAt <= now else { continue }
            if let rate = rate(of: entry.notifier) {
                var bucket = buckets[entry.notifier] ?? TokenBucket(rate, now: now)
                let wait = bucket.take(now: now)
                buckets[entry.notifier] = bucket
                if wait != nil { continue }
            }
            due.append(entry)
        }
        return due
    }

    /// When the earliest lane head may go, counting notifiers' rate limits and pauses.
    private func nextAttempt(_ entries: [OutboxEntry], now: Double) -> Double? {
        var seen: Set<String> = []
        var earliest: Double?
        for entry in entries where seen.insert(lane(entry)).inserted {
            let allowed = buckets[entry.notifier]?.availableAt(now: now) ?? now
            let time = max(entry.nextAttemptAt, allowed)
            earliest = min(earliest ?? time, time)
        }
        return earliest
    }

    private func lane(_ entry: OutboxEntry) -> String {
        entry.notifier + "\u{0}" + entry.orderKey
    }

    /// The notifier's own `rate_per_minute`, else its platform's documented rate.
    private func rate(of name: String) -> SendingRate? {
        guard let notifier = notifiers[name] else { return nil }
        let platform = NotifierPlatform.forType(notifier.type).rate
        guard let perMinute = notifier.ratePerMinute else { return platform }
        return SendingRate(perMinute: perMinute, burst: platform?.burst ?? max(1, perMinute / 60))
    }

    // MARK: - Sending

    /// Sends the chosen messages concurrently and judges each answer.
    private func attempt(_ entries: [OutboxEntry], now: Double) -> [(OutboxEntry, DeliveryVerdict)]
    {
        var verdicts: [DeliveryVerdict?] = Array(repeating: nil, count: entries.count)
        var requests: [(index: Int, request: HTTPRequest, secrets: [String])] = []
        for (index, entry) in entries.enumerated() {
            switch prepare(entry, now: now) {
            case .done(let verdict): verdicts[index] = verdict
            case .send(let request, let secrets): requests.append((index, request, secrets))
            }
        }
        let results = transport.send(requests.map(\.request))
        for (item, result) in zip(requests, results) {
            let verdict = judge(result, for: entries[item.index], now: WallClock.now())
            verdicts[item.index] = verdict.scrubbed(of: item.secrets)
        }
        return zip(entries, verdicts).map { ($0, $1 ?? .retry(reason: "not sent", after: nil)) }
    }

    private enum Preparation {
        case done(DeliveryVerdict)
        case send(HTTPRequest, secrets: [String])
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
            let url = try SecretReference.resolve(notifier.url)
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
            return .done(.retry(reason: error.description, after: nil))
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

    /// Holds back every message of a notifier that asked us to slow down.
    func pauseNotifier(_ name: String, until time: Double) {
        guard var bucket = buckets[name] ?? rate(of: name).map({ TokenBucket($0, now: time) })
        else { return }
        bucket.pause(until: time)
        buckets[name] = bucket
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
