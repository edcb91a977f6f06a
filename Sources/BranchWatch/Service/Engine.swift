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
    public let config: Config
    public let store: StateStore
    public let inbox: Inbox
    let evaluator: Evaluator
    private let rulesByName: [String: Rule]
    let logger: Logger
    /// The committed state; a file's changes join it only after its transaction commits.
    public internal(set) var state: EngineState

    /// Opens the state database and loads what earlier runs left.
    public init(config: Config, logger: Logger) throws(EngineError) {
        self.config = config
        self.logger = logger
        inbox = Inbox(path: config.inboxPath)
        do {
            try TimeZoneSetting.apply(config.timeZone)
            try FileSystem.makeDirectories(config.stateDirectory)
            try inbox.prepare()
            store = try StateStore(path: config.databasePath)
            state = try store.loadState()
        } catch {
            throw EngineError.startup(underlying: "\(error)")
        }
        evaluator = Evaluator(rules: config.rules)
        rulesByName = Dictionary(
            config.rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
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
        pruneDoneFiles()
        return outcomes
    }

    /// Applies one file that is already in `processing/`, and moves it on.
    func process(claimed name: String) -> FileOutcome {
        let started = WallClock.now()
        let (outcome, tally) = apply(claimed: name)
        do {
            switch outcome {
            case .applied, .duplicate:
                try inbox.markDone(name, retention: config.ingest.doneRetention)
            case .rejected(let reason): try inbox.markRejected(name, reason: reason)
            case .failed: break
            }
        } catch {
            logger.error("moving file failed", ["file": name, "error.message": "\(error)"])
        }
        log(outcome, name: name, seconds: WallClock.now() - started, tally: tally)
        return outcome
    }

    func enqueue(_ event: AlertEvent) throws(StoreError) {
        for name in rulesByName[event.rule]?.notify ?? [] {
            guard let notifier = config.notifiers[name] else { continue }
            let payload = PayloadFormatter.payload(for: event, type: notifier.type)
            try store.enqueue(
                eventKey: event.key, notifier: name, orderKey: event.orderKey, payload: payload)
        }
    }

    func merge(_ changes: EngineState) {
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
