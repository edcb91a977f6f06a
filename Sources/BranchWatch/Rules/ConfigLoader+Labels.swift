// The label names a config declares, so a bare name in a rule is known to be a label.

extension ConfigLoader {
    /// Column roles that are not labels when `inbox.columns` maps a column to them.
    static let columnRoles: Set<String> = [
        "timestamp", "date", "branch", "metric", "value", "ignore",
    ]

    /// The names under `inbox.labels` and those `inbox.columns` maps columns to (other than
    /// the column roles). Read quietly: `readIngest` reports mistakes in these keys.
    ///
    /// Limitation: a wide drop's metric column mapped under `columns` also counts as a
    /// label name — which targets are metrics depends on each file's header.
    static func declaredLabels(_ top: MappingReader) -> Set<String> {
        guard case .mapping(let entries, _) = top.node("inbox") else { return [] }
        var names: Set<String> = []
        for entry in entries {
            switch (entry.key, entry.value) {
            case ("labels", .scalar(let name, _)):
                names.insert(name.trimmed)
            case ("labels", .sequence(let items, _)):
                for case .scalar(let name, _) in items { names.insert(name.trimmed) }
            case ("columns", .mapping(let columns, _)):
                for case .scalar(let target, _) in columns.map(\.value) {
                    let name = target.trimmed
                    if !columnRoles.contains(name.lowercased()) { names.insert(name) }
                }
            default:
                break
            }
        }
        names.remove("")
        return names
    }

    /// The declared labels and those the rules add to their alerts (`labels:` of a rule),
    /// which routes and silences can match.
    static func alertLabels(declared: Set<String>, rules: [Rule]) -> Set<String> {
        declared.union(rules.flatMap(\.labelTemplates.keys))
    }
}
