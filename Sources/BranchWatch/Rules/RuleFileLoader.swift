// Reads one rule file into rules, reporting every problem with its position.

/// Loads the `rules:` list of one YAML rule file.
struct RuleFileLoader {
    static let ruleKeys = [
        "name", "metric", "detector", "when", "for", "severity", "message", "notify",
    ]
    static let ewmaKeys = ["type", "alpha", "warmup", "min_std", "min_std_pct"]

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
        let condition = compile(reader, key: "when", required: true) {
            text throws(ExpressionError) in
            try Condition(text)
        }
        let message = compile(reader, key: "message", required: false) {
            text throws(ExpressionError) in
            try MessageTemplate(text)
        }
        let severity = loadSeverity(reader)
        let notify = loadNotify(reader)
        let forCount = reader.integer("for", in: 1...10_000) ?? 1
        guard log.items.count == before, let name, let detector, let condition else { return nil }
        let fallback = "{{rule}}: {{branch}} {{metric}} {{value}} (expected {{expected}}, z {{z}})"
        // The fallback template uses only known names, so parsing it cannot fail.
        let template = message ?? (try? MessageTemplate(fallback))
        guard let template else { return nil }
        return Rule(
            name: name.text, metrics: metrics, detector: detector, condition: condition,
            forCount: forCount, severity: severity, message: template, notify: notify,
            file: file, mark: reader.mark)
    }

    private func loadDetector(_ rule: MappingReader) -> DetectorSpec? {
        guard let node = rule.node("detector") else { return .ewma(EWMAParameters()) }
        guard let reader = MappingReader(node, file: file, what: "\"detector\"", log: log) else {
            return nil
        }
        let type = reader.string("type", required: true)
        guard let type else { return nil }
        guard type.text == "ewma" else {
            reader.report(
                type.mark, "unknown detector type \"\(type.text)\"; this version knows: ewma")
            return nil
        }
        reader.rejectUnknownKeys(allowed: RuleFileLoader.ewmaKeys)
        var parameters = EWMAParameters()
        parameters.alpha = reader.number("alpha", in: 0.0001...1) ?? parameters.alpha
        parameters.warmup = reader.integer("warmup", in: 1...100_000) ?? parameters.warmup
        parameters.minStd =
            reader.number("min_std", in: 0...Double.greatestFiniteMagnitude) ?? parameters.minStd
        parameters.minStdFraction =
            reader.number("min_std_pct", in: 0...10) ?? parameters.minStdFraction
        return .ewma(parameters)
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
