// Reads branchwatch.yaml and every rule file it names into a Config.

/// Loads and validates a config and its rule files, reporting all problems at once.
public enum ConfigLoader {
    static let topKeys = [
        "state_dir", "timezone", "inbox", "rules", "notifiers", "log_level", "delivery", "http",
        "routes",
    ]
    static let deliveryKeys = [
        "timeout", "once_deadline", "initial_backoff", "max_backoff", "connect_timeout", "max_age",
        "stop_deadline",
    ]

    /// The config at `path`, with rules loaded; paths in it are relative to its folder.
    public static func load(_ path: String) throws(ConfigError) -> Config {
        let log = DiagnosticLog()
        let config = read(path, log: log)
        guard log.isEmpty, var config else { throw ConfigError(diagnostics: log.items) }
        config.warnings = log.warnings
        return config
    }

    private static func read(_ path: String, log: DiagnosticLog) -> Config? {
        let start = SourceMark(line: 1, column: 1)
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(try FileSystem.readFile(path))
        } catch let error as YAMLSyntaxError {
            log.add(path, error.mark, "not valid YAML: \(error.problem)")
            return nil
        } catch {
            log.add(path, start, "cannot read the config file: \(error)")
            return nil
        }
        guard let top = MappingReader(root, file: path, what: "the config", log: log) else {
            return nil
        }
        top.rejectUnknownKeys(allowed: topKeys)
        let base = Path.split(path).directory
        let notifiers = readNotifiers(top, log: log)
        let patterns = top.names("rules", required: true).map {
            (text: Path.join(base, $0.text), mark: $0.mark)
        }
        // Rules may name a notifier whose settings are wrong: that mistake is reported
        // once, where it is, and not again at every rule that uses it.
        let labels = declaredLabels(top)
        let names = RuleNames()
        let rules = loadRules(
            patterns, notifiers: declaredNames(top), labels: labels, names: names, top: top,
            log: log)
        if rules.isEmpty, log.isEmpty, let node = top.node("rules") {
            top.report(node.mark, "no rules were found in the rule files; add at least one rule")
        }
        guard let inbox = readInbox(top, base: base, log: log) else { return nil }
        var config = Config(
            file: path,
            stateDirectory: Path.join(base, top.string("state_dir")?.text ?? "state"),
            timeZone: readTimeZone(top),
            inboxPath: inbox,
            ingest: readIngest(top, log: log),
            notifiers: notifiers,
            rules: rules,
            rulePatterns: patterns.map(\.text),
            logLevel: readLogLevel(top),
            delivery: readDelivery(top, log: log))
        config.http = readHTTP(top, log: log)
        config.labelNames = alertLabels(declared: labels, rules: rules)
        config.routes = readRoutes(
            top, notifiers: declaredNames(top), labels: config.labelNames,
            rules: names.all, log: log)
        return config
    }

    private static func readTimeZone(_ top: MappingReader) -> String {
        guard let (name, mark) = top.string("timezone") else { return "UTC" }
        if !TimeZoneSetting.isKnown(name) {
            top.report(mark, TimeZoneError.unknownZone(name).description)
        }
        return name
    }

    /// The names under `notifiers`, whether or not their settings are valid.
    private static func declaredNames(_ top: MappingReader) -> Set<String> {
        guard case .mapping(let entries, _) = top.node("notifiers") else { return [] }
        return Set(entries.map(\.key))
    }

    private static func loadRules(
        _ patterns: [(text: String, mark: SourceMark)], notifiers: Set<String>,
        labels: Set<String>, names: RuleNames, top: MappingReader, log: DiagnosticLog
    ) -> [Rule] {
        var rules: [Rule] = []
        for (pattern, mark) in patterns {
            let files = FileSystem.glob(pattern)
            if files.isEmpty {
                top.report(mark, "no rule file matches \"\(pattern)\"")
            }
            for file in files {
                var loader = RuleFileLoader(file: file, notifiers: notifiers, log: log)
                loader.declaredLabels = labels
                loader.names = names
                rules += loader.load()
            }
        }
        return rules
    }

    private static func readLogLevel(_ top: MappingReader) -> Logger.Level {
        guard let (name, mark) = top.string("log_level") else { return .info }
        guard let level = Logger.Level(name: name) else {
            let names = Logger.Level.allCases.map { "\($0)" }.joined(separator: ", ")
            top.report(mark, "unknown log level \"\(name)\"; use one of: \(names)")
            return .info
        }
        return level
    }

    private static func readDelivery(_ top: MappingReader, log: DiagnosticLog) -> DeliverySettings {
        var settings = DeliverySettings()
        guard let node = top.node("delivery"),
            let reader = MappingReader(node, file: top.file, what: "\"delivery\"", log: log)
        else { return settings }
        reader.rejectUnknownKeys(allowed: deliveryKeys)
        settings.requestTimeout =
            reader.duration("timeout", in: 0.1...600) ?? settings.requestTimeout
        settings.onceDeadline =
            reader.duration("once_deadline", in: 0...3600) ?? settings.onceDeadline
        settings.initialBackoff =
            reader.duration("initial_backoff", in: 0.01...3600) ?? settings.initialBackoff
        settings.maximumBackoff =
            reader.duration("max_backoff", in: 0.01...86_400) ?? settings.maximumBackoff
        readDeliveryLimits(reader, into: &settings)
        // Below the unit's TimeoutStopSec=30s, leaving room to finish the file in hand.
        settings.stopDeadline =
            reader.duration("stop_deadline", in: 0...20) ?? settings.stopDeadline
        return settings
    }
}
