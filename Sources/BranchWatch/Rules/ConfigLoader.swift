// Reads branchwatch.yaml and every rule file it names into a Config.

/// Loads and validates a config and its rule files, reporting all problems at once.
public enum ConfigLoader {
    static let topKeys = [
        "state_dir", "timezone", "inbox", "rules", "notifiers", "log_level", "delivery",
    ]
    static let notifierKeys = ["type", "url"]
    static let deliveryKeys = ["timeout", "once_deadline", "initial_backoff", "max_backoff"]

    /// The config at `path`, with rules loaded; paths in it are relative to its folder.
    public static func load(_ path: String) throws(ConfigError) -> Config {
        let log = DiagnosticLog()
        let config = read(path, log: log)
        guard log.isEmpty, let config else { throw ConfigError(diagnostics: log.items) }
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
        let patterns = top.names("rules", required: true).map { Path.join(base, $0.text) }
        let rules = loadRules(patterns, notifiers: Set(notifiers.keys), top: top, log: log)
        guard let inbox = readInbox(top, base: base, log: log) else { return nil }
        return Config(
            file: path,
            stateDirectory: Path.join(base, top.string("state_dir")?.text ?? "state"),
            timeZone: readTimeZone(top),
            inboxPath: inbox,
            ingest: readIngest(top, log: log),
            notifiers: notifiers,
            rules: rules,
            rulePatterns: patterns,
            logLevel: readLogLevel(top),
            delivery: readDelivery(top, log: log))
    }

    private static func readTimeZone(_ top: MappingReader) -> String {
        guard let (name, mark) = top.string("timezone") else { return "UTC" }
        if !TimeZoneSetting.isKnown(name) {
            top.report(mark, TimeZoneError.unknownZone(name).description)
        }
        return name
    }

    private static func readNotifiers(_ top: MappingReader, log: DiagnosticLog) -> [String:
        NotifierConfig]
    {
        guard let node = top.node("notifiers") else { return [:] }
        guard case .mapping(let entries, _) = node else {
            top.report(
                node.mark,
                "\"notifiers\" must map names to notifier settings, found \(node.kindName)")
            return [:]
        }
        var notifiers: [String: NotifierConfig] = [:]
        for entry in entries {
            guard
                let reader = MappingReader(
                    entry.value, file: top.file, what: "a notifier", log: log),
                let notifier = readNotifier(entry.key, reader)
            else { continue }
            notifiers[entry.key] = notifier
        }
        return notifiers
    }

    private static func readNotifier(_ name: String, _ reader: MappingReader) -> NotifierConfig? {
        reader.rejectUnknownKeys(allowed: notifierKeys)
        guard let (typeName, mark) = reader.string("type", required: true) else { return nil }
        guard let type = NotifierType(rawValue: typeName) else {
            let names = NotifierType.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(
                mark, "unknown notifier type \"\(typeName)\"; this version knows: \(names)")
            return nil
        }
        let url = reader.string("url", required: type != .console)
        if let (text, mark) = url, !text.hasPrefix("http://") && !text.hasPrefix("https://") {
            reader.report(mark, "\"url\" must start with http:// or https://, found \"\(text)\"")
        }
        return NotifierConfig(name: name, type: type, url: url?.text ?? "")
    }

    private static func loadRules(
        _ patterns: [String], notifiers: Set<String>, top: MappingReader, log: DiagnosticLog
    ) -> [Rule] {
        var rules: [Rule] = []
        for pattern in patterns {
            let files = FileSystem.glob(pattern)
            if files.isEmpty {
                top.report(top.mark, "no rule file matches \"\(pattern)\"")
            }
            for file in files {
                rules += RuleFileLoader(file: file, notifiers: notifiers, log: log).load()
            }
        }
        var seen: [String: String] = [:]
        for rule in rules {
            if let first = seen[rule.name] {
                log.add(
                    rule.file, rule.mark,
                    "rule name \"\(rule.name)\" is already used at \(first); names must be unique"
                )
            }
            seen[rule.name] = seen[rule.name] ?? rule.origin
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
        return settings
    }
}
