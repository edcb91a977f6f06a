// Reads one rule file into rules, reporting every problem with its position.

/// Loads the `rules:` list of one YAML rule file.
struct RuleFileLoader {
    static let ruleKeys =
        [
            "name", "metric", "detector", "when", "clear_when", "for", "severity", "message",
            "notify",
        ] + lifecycleKeys

    let file: String
    let notifiers: Set<String>
    let log: DiagnosticLog
    /// False for rule tests, which load rules without a config and send nothing.
    var checksNotifiers = true
    /// Label names the config declares, which conditions and templates may write bare.
    var declaredLabels: Set<String> = []
    /// Names of the rules read so far, across files, for finding duplicates.
    var names = RuleNames()

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
        if let name { names.add(name.text, file: file, mark: reader.mark, log: log) }
        let metrics = reader.names("metric", required: true).map(\.text)
        warnAboutMetricSpelling(reader)
        let detector = loadDetector(reader)
        let scores = detector?.scoreNames ?? ScoreName.allCases
        let condition = compile(reader, key: "when", required: true) {
            text throws(ExpressionErrors) in
            try Condition(text, scores: scores, labels: declaredLabels)
        }
        let clearCondition = compile(reader, key: "clear_when", required: false) {
            text throws(ExpressionErrors) in
            try Condition(text, scores: scores, labels: declaredLabels)
        }
        warnAboutPercentages(reader, key: "when")
        warnAboutPercentages(reader, key: "clear_when")
        let message = compile(reader, key: "message", required: false) {
            text throws(ExpressionErrors) in
            try MessageTemplate(text, scores: scores, labels: declaredLabels)
        }
        let severity = loadSeverity(reader)
        let notify = loadNotify(reader)
        let pending = loadPending(reader)
        let labels = loadTemplates(reader, key: "labels", scores: scores)
        let annotations = loadTemplates(reader, key: "annotations", scores: scores)
        let repeatInterval = loadRepeat(reader)
        let inhibitLabel = loadInhibit(reader)
        guard log.items.count == before, let name, let detector, let condition else { return nil }
        let fallback = RuleFileLoader.fallbackMessage(for: detector)
        // The fallback template uses only the detector's own names, so parsing cannot fail.
        let template = message ?? (try? MessageTemplate(fallback, scores: scores))
        guard let template else { return nil }
        var rule = Rule(
            name: name.text, metrics: metrics, detector: detector, condition: condition,
            forCount: pending.count, severity: severity, message: template, notify: notify,
            file: file, mark: reader.mark)
        rule.clearCondition = clearCondition
        rule.forDuration = pending.duration
        rule.repeatInterval = repeatInterval
        rule.labelTemplates = labels
        rule.annotations = annotations
        rule.inhibitLabel = inhibitLabel
        return rule
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
        for (name, mark) in names where checksNotifiers && !notifiers.contains(name) {
            var message = "no notifier named \"\(name)\" in the config"
            if let suggestion = nearestName(to: name, in: Array(notifiers)) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            rule.report(mark, message)
        }
        return names.map(\.text)
    }

    /// Parses the text under `key` with `make`, placing each of its errors at its column.
    func compile<T>(
        _ rule: MappingReader, key: String, required: Bool,
        _ make: (String) throws(ExpressionErrors) -> T
    ) -> T? {
        guard let (text, mark) = rule.string(key, required: required) else { return nil }
        return RuleFileLoader.compile(text, at: mark, key: key, reader: rule, make)
    }

    /// Parses `text`, found at `mark`, reporting every error of it under `key`.
    static func compile<T>(
        _ text: String, at mark: SourceMark, key: String, reader: MappingReader,
        _ make: (String) throws(ExpressionErrors) -> T
    ) -> T? {
        do {
            return try make(text)
        } catch {
            for item in error.items {
                let (place, note) = position(of: item.column, in: text, at: mark)
                reader.report(place, "in \"\(key)\": \(item.message)\(note)")
            }
            return nil
        }
    }

    /// Where column `column` of a scalar's text is in the file. A one-line scalar maps
    /// exactly; a scalar folded over several lines is placed at its start, with the
    /// character counted in the message.
    static func position(of column: Int, in text: String, at mark: SourceMark)
        -> (SourceMark, String)
    {
        guard text.contains(where: \.isNewline) else {
            return (SourceMark(line: mark.line, column: mark.column + column - 1), "")
        }
        // Limitation: positions inside multi-line (block or folded) scalars are given as a
        // character count — libyaml does not report where each folded line started.
        return (mark, " (at character \(column) of the text)")
    }
}
