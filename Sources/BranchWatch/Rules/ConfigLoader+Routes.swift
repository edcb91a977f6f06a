// Reads the "routes" section of branchwatch.yaml: extra notifiers by severity and labels.

extension ConfigLoader {
    static let routeKeys = ["when", "notify"]

    /// Each route's condition (over labels and text fields only) and notifiers.
    static func readRoutes(
        _ top: MappingReader, notifiers: Set<String>, labels: Set<String>, rules: [String],
        log: DiagnosticLog
    ) -> [Route] {
        guard let node = top.node("routes") else { return [] }
        guard case .sequence(let items, _) = node else {
            top.report(node.mark, "\"routes\" must be a list of routes, found \(node.kindName)")
            return []
        }
        return items.compactMap { item in
            guard let reader = MappingReader(item, file: top.file, what: "a route", log: log)
            else { return nil }
            reader.rejectUnknownKeys(allowed: routeKeys)
            let condition = reader.string("when", required: true).flatMap { text, mark in
                RuleFileLoader.compile(text, at: mark, key: "when", reader: reader) {
                    text throws(ExpressionErrors) in
                    try Condition(text, scores: [], labels: labels)
                }
            }
            if let condition, let (text, mark) = reader.string("when") {
                checkNames(condition, text: text, at: mark, rules: rules, reader: reader)
            }
            let names = reader.names("notify", required: true)
            for (name, mark) in names where !notifiers.contains(name) {
                var message = "no notifier named \"\(name)\" in the config"
                if let suggestion = nearestName(to: name, in: Array(notifiers)) {
                    message += " (did you mean \"\(suggestion)\"?)"
                }
                reader.report(mark, message)
            }
            return condition.map { Route(condition: $0, notify: names.map(\.text)) }
        }
    }

    /// Reports a rule or severity a route compares with that does not exist, so
    /// `rule == "sales-dorp"` is caught at load rather than never matching.
    private static func checkNames(
        _ condition: Condition, text: String, at mark: SourceMark, rules: [String],
        reader: MappingReader
    ) {
        let known: [(TextField, [String])] = [
            (.rule, rules), (.severity, Severity.allCases.map(\.rawValue)),
        ]
        for (field, names) in known {
            for literal in condition.texts(comparedWith: field) where !names.contains(literal) {
                let column = ["\"", "'"].compactMap { quote in
                    Substring(text).range(of: quote + literal + quote).map {
                        text.distance(from: text.startIndex, to: $0.lowerBound) + 1
                    }
                }.first
                let (place, note) = RuleFileLoader.position(of: column ?? 1, in: text, at: mark)
                var message = "in \"when\": no \(field.rawValue) \"\(literal)\""
                if let suggestion = nearestName(to: literal, in: names) {
                    message += " (did you mean \"\(suggestion)\"?)"
                }
                reader.report(place, message + "; known: " + names.joined(separator: ", ") + note)
            }
        }
    }
}
