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
    private var evaluator: Evaluator
    private var planner: DeliveryPlanner
    let logger: Logger
    private let lock: StateDirectoryLock
    /// The committed state; a file's changes join it only after its transaction commits.
    public internal(set) var state: EngineState

    /// Opens the state database and loads what earlier runs left. `labels` gives each
    /// sample's labels to conditions, templates, routes, silences and inhibition.
    public init(
        config: Config, logger: Logger, labels: @escaping LabelLookup = Evaluator.sampleLabels
    ) throws(EngineError) {
        self.config = config
        self.logger = logger
        inbox = Inbox(path: config.inboxPath)
        do {
            try TimeZoneSetting.apply(config.timeZone)
            try FileSystem.makeDirectories(config.stateDirectory)
            lock = try StateDirectoryLock(directory: config.stateDirectory)
            try inbox.prepare()
            store = try StateStore(path: config.databasePath)
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

    /// Applies files a crash left in `processing/`, then every ready file in the inbox.
    @discardableResult
    public func processPendingFiles() -> [String: FileOutcome] {
        var outcomes: [String: FileOutcome] = [:]
        do {
            for name in try inbox.interruptedFiles() {
                logger.info("resuming interrupted file", ["file": name])
                outcomes[name] = process(claimed: name)
            }
            for name in try inbox.readyFiles() {
                _ = try inbox.claim(name)
                outcomes[name] = process(claimed: name)
            }
        } catch {
            logger.error("inbox scan failed", ["error.message": "\(error)", "inbox": inbox.path])
        }
        return outcomes
    }

    /// Applies one file that is already in `processing/`, and moves it on.
    func process(claimed name: String) -> FileOutcome {
        let started = WallClock.now()
        let outcome = apply(claimed: name)
        do {
            switch outcome {
            case .applied, .duplicate: try inbox.markDone(name)
            case .rejected(let reason): try inbox.markRejected(name, reason: reason)
            case .failed: break
            }
        } catch {
            logger.error("moving file failed", ["file": name, "error.message": "\(error)"])
        }
        log(outcome, name: name, seconds: WallClock.now() - started)
        return outcome
    }

    private func apply(claimed name: String) -> FileOutcome {
        let path = Path.join(inbox.processingPath, name)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            return .failed(reason: "\(error)")
        }
        let digest = ContentDigest.sha256Hex(bytes)
        do {
            if try store.isApplied(digest: digest) { return .duplicate }
            let drop = try LongCSVParser.parse(bytes, file: name)
            if drop.samples.isEmpty && !drop.problems.isEmpty {
                return .rejected(reason: rejectionReason(drop.problems))
            }
            report(drop.problems)
            return try commit(drop, name: name, digest: digest)
        } catch let error as DropFileError {
            return .rejected(reason: error.description)
        } catch {
            return .failed(reason: "\(error)")
        }
    }

    /// Evaluates the samples and writes state, alerts and ledger entry in one transaction.
    private func commit(_ drop: ParsedDrop, name: String, digest: String) throws -> FileOutcome {
        let evaluation = evaluator.evaluate(drop.samples, base: state)
        let plan = planner.plan(
            evaluation.events, silences: try store.silences(since: WallClock.now())
        ) { [state] key in
            (evaluation.changes.alerts[key] ?? state.alerts[key])?.phase == .firing
        }
        try store.database.transaction {
            try store.save(evaluation.changes)
            for message in plan.messages { try enqueue(message) }
            try store.recordApplied(
                digest: digest, name: name, samples: evaluation.applied,
                skipped: drop.problems.count, late: evaluation.late)
        }
        merge(evaluation.changes)
        logMuted(plan.muted)
        if evaluation.conflicts > 0 {
            logger.warning(
                "conflicting samples ignored",
                ["file": name, "conflicts": "\(evaluation.conflicts)"])
        }
        return .applied(
            samples: evaluation.applied, skipped: drop.problems.count, late: evaluation.late,
            events: evaluation.events.count)
    }

    /// Queues one planned message. Its order key is the rule, so a rule's messages to one
    /// notifier keep their order even when a group and a single branch's event interleave.
    private func enqueue(_ message: PlannedMessage) throws(StoreError) {
        guard let notifier = config.notifiers[message.notifier], let first = message.events.first
        else { return }
        let payload = PayloadFormatter.payload(for: message.events, notifier: notifier)
        try store.enqueue(
            eventKey: NotifierPlatform.groupKey(message.events), notifier: message.notifier,
            orderKey: first.orderKey, payload: payload)
    }

    private func merge(_ changes: EngineState) {
        state.series.merge(changes.series) { _, new in new }
        state.detectors.merge(changes.detectors) { _, new in new }
        state.alerts.merge(changes.alerts) { _, new in new }
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
