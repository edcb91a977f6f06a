// Reads the "routes" section of branchwatch.yaml: extra notifiers by severity and labels.

extension ConfigLoader {
    static let routeKeys = ["when", "notify"]

    /// Each route's condition (over labels and text fields only) and notifiers.
    static func readRoutes(
        _ top: MappingReader, notifiers: Set<String>, labels: Set<String>, log: DiagnosticLog
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
}
