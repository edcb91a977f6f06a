// The daemon's configuration, as loaded from branchwatch.yaml and its rule files.

/// Kinds of notifier. Each knows its own payload shape.
public enum NotifierType: String, Sendable, CaseIterable {
    /// Plain JSON, one object per alert event.
    case webhook
    /// Slack incoming webhook.
    case slack
    /// Prints each alert to standard output; for demos and trials.
    case console
}

/// Where alerts of some rules go.
public struct NotifierConfig: Sendable {
    public var name: String
    public var type: NotifierType
    /// Target URL; empty for `console`.
    public var url: String
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

    public init() {}
}
