// The daemon's configuration, as loaded from branchwatch.yaml and its rule files.

/// Kinds of notifier. Each knows its own payload shape.
public enum NotifierType: String, Sendable, CaseIterable {
    /// Plain JSON, one object per alert event.
    case webhook
    /// Slack incoming webhook.
    case slack
    /// Prints each alert to standard output; for demos and trials.
    case console
    /// DingTalk custom robot (markdown, optional HMAC signature).
    case dingtalk
    /// WeCom (WeChat Work) group robot (markdown).
    case wecom
    /// Feishu / Lark custom bot (interactive card, optional HMAC signature).
    case feishu
    /// Microsoft Teams incoming webhook or Workflows trigger (Adaptive Card).
    case teams
}

/// Where alerts of some rules go.
public struct NotifierConfig: Sendable {
    public var name: String
    public var type: NotifierType
    /// Target URL, or a reference to one (`env:NAME`, `credential:NAME`); empty for `console`.
    public var url: String
    /// Reference to the signing secret (`env:NAME`, `credential:NAME`), resolved at send time.
    public var secret: String? = nil
    /// Messages per minute this notifier may send; nil for the platform's documented limit.
    public var ratePerMinute: Double? = nil
    /// Send plain text instead of the platform's markdown (`format: text`).
    public var plainText = false
    /// Requests to this notifier that may be open at once (`max_in_flight`).
    public var maxInFlight = 4
    /// Where each key of this notifier was written, `file:line:column` by key.
    public var origins: [String: String] = [:]
}

/// Everything `branchwatch run` needs, with paths already made absolute or
/// relative to the working directory.
public struct Config: Sendable {
    /// The config file this was read from.
    public var file: String
    public var stateDirectory: String
    public var timeZone: String
    public var inboxPath: String
    /// How drops in the inbox are read (`inbox:` keys other than `path`).
    public var ingest = IngestSettings()
    public var notifiers: [String: NotifierConfig]
    public var rules: [Rule]
    public var rulePatterns: [String]
    public var logLevel: Logger.Level
    public var delivery: DeliverySettings
    /// The loopback endpoint for /metrics, /healthz and /status; off when nil.
    public var http: HTTPSettings? = nil
    /// Extra notifiers for alerts by severity and labels, besides each rule's own.
    public var routes: [Route] = []
    /// Likely mistakes found while loading that do not stop the config from working.
    public var warnings: [Diagnostic] = []
    /// Label names alerts can carry: declared under `inbox` or added by a rule's `labels`.
    public var labelNames: Set<String> = []

    /// The SQLite database under the state directory.
    public var databasePath: String { Path.join(stateDirectory, "branchwatch.sqlite") }
}

/// How hard the outbox tries to deliver.
public struct DeliverySettings: Sendable {
    /// Per-request limit for connecting and for the whole request, in seconds.
    public var requestTimeout: Double = 10
    /// How long `run --once` keeps retrying undelivered alerts before it exits.
    public var onceDeadline: Double = 60
    /// First retry delay; later retries double it, with jitter, up to `maximumBackoff`.
    public var initialBackoff: Double = 1
    public var maximumBackoff: Double = 300
    /// Limit for setting up a connection, in seconds; at most `requestTimeout`.
    public var connectTimeout: Double = 5
    /// An alert still undelivered after this many seconds moves to the dead-letter table.
    public var maximumAge: Double = 86_400
    /// How long a stopping daemon keeps delivering before it exits; at most 20 s, below
    /// the unit's `TimeoutStopSec=30s`, so that the stop is clean.
    public var stopDeadline: Double = 10

    public init() {}
}
