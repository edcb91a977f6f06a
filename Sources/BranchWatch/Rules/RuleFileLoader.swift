// Reads one rule file into rules, reporting every problem with its position.

/// Loads the `rules:` list of one YAML rule file.
struct RuleFileLoader {
    static let ruleKeys = [
        "name", "metric", "detector", "when", "for", "severity", "message", "notify",
    ]

    let file: String
    let notifiers: Set<String>
    let log: DiagnosticLog

    /// The rules of `file`; problems go to the log and leave the rule out.
    func load() -> [Rule] {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(file)
        } catch {
            log.add(file, SourceMark(line: 1, column: 1), "cannot read the rule file: \(error)")
            return []
        }
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(bytes)
        } catch {
            log.add(file, error.mark, "not valid YAML: \(error.problem)")
            return []
        }
        guard let top = MappingReader(root, file: file, what: "a rule file", log: log) else {
            return []
        }
        top.rejectUnknownKeys(allowed: ["rules"])
        guard let list = top.node("rules") else {
            top.report(top.mark, "missing required key \"rules\" (a list of rules)")
            return []
        }
        guard case .sequence(let items, _) = list else {
            top.report(list.mark, "\"rules\" must be a list of rules, found \(list.kindName)")
            return []
        }
        return items.compactMap(loadRule)
    }

    private func loadRule(_ node: YAMLNode) -> Rule? {
        guard let reader = MappingReader(node, file: file, what: "a rule", log: log) else {
            return nil
        }
        let before = log.items.count
        reader.rejectUnknownKeys(allowed: RuleFileLoader.ruleKeys)
        let name = reader.string("name", required: true)
        let metrics = reader.names("metric", required: true).map(\.text)
        let detector = loadDetector(reader)
        let scores = detector?.scoreNames ?? ScoreName.allCases
        let condition = compile(reader, key: "when", required: true) {
            text throws(ExpressionError) in
            try Condition(text, scores: scores)
        }
        let message = compile(reader, key: "message", required: false) {
            text throws(ExpressionError) in
            try MessageTemplate(text, scores: scores)
        }
        let severity = loadSeverity(reader)
        let notify = loadNotify(reader)
        let forCount = reader.integer("for", in: 1...10_000) ?? 1
        guard log.items.count == before, let name, let detector, let condition else { return nil }
        let fallback = RuleFileLoader.fallbackMessage(for: detector)
        // The fallback template uses only the detector's own names, so parsing cannot fail.
        let template = message ?? (try? MessageTemplate(fallback, scores: scores))
        guard let template else { return nil }
        return Rule(
            name: name.text, metrics: metrics, detector: detector, condition: condition,
            forCount: forCount, severity: severity, message: template, notify: notify,
            file: file, mark: reader.mark)
    }

    /// The message of a rule that gives none, naming only scores its detector has.
    static func fallbackMessage(for detector: DetectorSpec) -> String {
        let detail: String
        switch detector {
        case .ewma, .seasonal, .robust, .cusum: detail = "(expected {{expected}}, z {{z}})"
        case .poisson: detail = "(expected {{expected}}, p {{p_value}})"
        case .peer: detail = "(change {{pct_change}}, peers {{peer_change}})"
        case .absent: detail = "(silent for {{age}} days)"
        case .auto: detail = "(expected {{expected}}, z {{z}})"
        }
        return "{{rule}}: {{branch}} {{metric}} {{value}} " + detail
    }

    private func loadSeverity(_ rule: MappingReader) -> Severity {
        guard let (text, mark) = rule.string("severity") else { return .warning }
        guard let severity = Severity(rawValue: text) else {
            let names = Severity.allCases.map(\.rawValue)
            rule.report(
                mark, "unknown severity \"\(text)\"; use one of: " + names.joined(separator: ", "))
            return .warning
        }
        return severity
    }

    private func loadNotify(_ rule: MappingReader) -> [String] {
        let names = rule.names("notify", required: true)
        for (name, mark) in names where !notifiers.contains(name) {
            var message = "no notifier named \"\(name)\" in the config"
            if let suggestion = nearestName(to: name, in: Array(notifiers)) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            rule.report(mark, message)
        }
        return names.map(\.text)
    }

    /// Parses the text under `key` with `make`, placing its errors at the right column.
    private func compile<T>(
        _ rule: MappingReader, key: String, required: Bool,
        _ make: (String) throws(ExpressionError) -> T
    ) -> T? {
        guard let (text, mark) = rule.string(key, required: required) else { return nil }
        do {
            return try make(text)
        } catch {
            let column = mark.column + error.column - 1
            rule.report(
                SourceMark(line: mark.line, column: column), "in \"\(key)\": \(error.message)")
            return nil
        }
    }
}
