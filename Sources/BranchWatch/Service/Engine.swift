// Applies drop files: parse, evaluate, and commit state, alerts and ledger in one transaction.

/// What happened to one drop file.
public enum FileOutcome: Equatable, Sendable {
    case applied(samples: Int, skipped: Int, late: Int, events: Int)
    case duplicate
    case rejected(reason: String)
    /// The file stays in `processing/` and is tried again at the next start.
    case failed(reason: String)
}

/// The ingest-to-outbox half of the daemon. Owned by one thread.
public final class Engine {
    public private(set) var config: Config
    public let store: StateStore
    public let inbox: Inbox
    var evaluator: Evaluator
    var planner: DeliveryPlanner
    var logger: Logger
    /// Counters the engine and its callers feed; read by the `/metrics` endpoint.
    public let metrics: Metrics
    /// Told about each file; the daemon uses it to stop between files and report progress.
    public weak var observer: (any EngineObserver)?
    private let lock: StateDirectoryLock
    /// The state of every series and alert; a file that does not commit is undone.
    public internal(set) var state: EngineState
    /// Files waiting for their settle time, and what was already logged about the inbox.
    var claims = InboxClaims()

    /// Write-ahead log pages (4 KiB each) after which a commit of the engine's copies the
    /// log into the database itself: far above SQLite's 1,000, so that the fsync this
    /// takes is done by the delivery thread between messages, not inside a file's commit.
    static let autoCheckpointPages: Int32 = 20_000

    /// Opens the state database and loads what earlier runs left. `labels` gives each
    /// sample's labels to conditions, templates, routes, silences and inhibition.
    public init(
        config: Config, logger: Logger, metrics: Metrics = Metrics(),
        labels: @escaping LabelLookup = Evaluator.sampleLabels
    ) throws(EngineError) {
        self.config = config
        self.config.ingest.logger = logger
        self.logger = logger
        self.metrics = metrics
        Engine.declareMetrics(metrics)
        inbox = Inbox(path: config.inboxPath, mode: config.ingest.fileMode)
        do {
            try TimeZoneSetting.apply(config.timeZone)
            try FileSystem.makeDirectories(config.stateDirectory)
            lock = try StateDirectoryLock(directory: config.stateDirectory)
            try inbox.prepare()
            store = try StateStore(path: config.databasePath)
            // The delivery thread checkpoints when idle; see `setAutoCheckpoint`.
            store.database.setAutoCheckpoint(pages: Engine.autoCheckpointPages)
            state = try store.loadState()
        } catch let busy as StateDirectoryBusy {
            throw EngineError.startup(underlying: busy.description)
        } catch {
            throw EngineError.startup(
                underlying: "\(error); state_dir and inbox.path in \(config.file) must be "
                    + "folders the user running branchwatch can create and write")
        }
        evaluator = Evaluator(rules: config.rules, labels: labels)
        planner = DeliveryPlanner(
            rules: config.rules, routes: config.routes, notifiers: config.notifiers)
        dropOrphanAlerts(rules: config.rules)
    }

    /// Swaps in the rules, routes and notifiers of `loaded` (a config read afresh with
    /// `ConfigLoader.load`), keeping series, detector state and the alerts of rules that
    /// still exist, so nothing already firing fires again; alerts of removed rules are
    /// dropped with a log line. The state directory, inbox and time zone stay as started.
    public func adoptRules(from loaded: Config) {
        config.rules = loaded.rules
        config.rulePatterns = loaded.rulePatterns
        config.routes = loaded.routes
        config.notifiers = loaded.notifiers
        evaluator = Evaluator(rules: loaded.rules, labels: evaluator.labels)
        planner = DeliveryPlanner(
            rules: loaded.rules, routes: loaded.routes, notifiers: loaded.notifiers)
        dropOrphanAlerts(rules: loaded.rules)
    }

    /// Applies one file that is already in `processing/`, and moves it on.
    func process(claimed name: String) -> FileOutcome {
        let started = MonotonicClock.now()
        let (outcome, tally) = apply(claimed: name)
        var names = FileNames()
        if outcome == .duplicate { names.earlier = earlierName(ofClaimed: name) }
        do {
            switch outcome {
            case .applied, .duplicate:
                names.stored = try inbox.markDone(name, retention: config.ingest.doneRetention)
            case .rejected(let reason): names.stored = try inbox.markRejected(name, reason: reason)
            case .failed: break
            }
        } catch {
            logger.error("moving file failed", ["file": name, "error.message": "\(error)"])
        }
        log(
            outcome, name: name, seconds: MonotonicClock.now() - started, tally: tally,
            names: names)
        record(outcome)
        observer?.engine(self, finished: name, outcome: outcome)
        return outcome
    }

    /// Uses `config`'s rules, notifiers and log level from the next file on; series, detector
    /// and alert state stay as they are. The caller checks that paths did not change.
    public func reload(_ config: Config) throws(TimeZoneError) {
        try TimeZoneSetting.apply(config.timeZone)
        adoptRules(from: config)
        self.config.timeZone = config.timeZone
        self.config.logLevel = config.logLevel
        self.config.delivery = config.delivery
        self.config.http = config.http
        logger.level = config.logLevel
    }

    /// Queues one planned message. Its order key is the rule, so a rule's messages to one
    /// notifier keep their order even when a group and a single branch's event interleave.
    /// The generic webhook never gets groups, so its messages only need order per branch:
    /// with the rule as its lane, a burst of one rule's alerts went one request at a time.
    ///
    /// Limitation: a message queued by a version that used the rule as the webhook's lane
    /// keeps that lane, so across such an upgrade a branch's "resolved" queued after it
    /// may be sent beside its waiting "firing"; the idempotency keys still tell them apart.
    func enqueue(_ message: PlannedMessage) throws(StoreError) {
        guard let notifier = config.notifiers[message.notifier], let first = message.events.first
        else { return }
        let payload = PayloadFormatter.payload(for: message.events, notifier: notifier)
        let eventKey = NotifierPlatform.groupKey(message.events)
        let alone = notifier.type == .webhook && message.events.count == 1
        try store.enqueue(
            eventKey: eventKey, notifier: message.notifier,
            orderKey: alone ? first.branchOrderKey : first.orderKey, payload: payload)
        try store.recordSubjects(
            eventKey: eventKey, notifier: message.notifier,
            subjects: message.events.map {
                OutboxSubject(rule: $0.rule, branch: $0.branch, labels: $0.labels)
            })
    }
}

/// The engine could not start.
public enum EngineError: Error, CustomStringConvertible {
    case startup(underlying: String)

    public var description: String {
        switch self {
        case .startup(let underlying): return "cannot start: \(underlying)"
        }
    }
}
