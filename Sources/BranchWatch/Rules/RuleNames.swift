// Every rule name met while loading, valid rule or not, so duplicates are always caught.

/// Collects the name of each rule as its file is read, before the rule is checked, so a
/// second rule of the same name is reported even when the first one has other mistakes.
final class RuleNames {
    private var seen: [String: String] = [:]

    /// Every name met, in order, whether or not its rule loaded.
    private(set) var all: [String] = []

    /// Records `name` at `file:mark`; reports it when an earlier rule already took it.
    func add(_ name: String, file: String, mark: SourceMark, log: DiagnosticLog) {
        let origin = "\(file):\(mark.line):\(mark.column)"
        if let first = seen[name] {
            log.add(
                file, mark,
                "rule name \"\(name)\" is already used at \(first); names must be unique")
            return
        }
        seen[name] = origin
        all.append(name)
    }
}
