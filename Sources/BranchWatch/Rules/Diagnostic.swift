// Problems found in config and rule files, each with its place.

/// One problem in a config or rule file: where it is and what to do about it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var mark: SourceMark
    public var message: String

    public init(file: String, mark: SourceMark, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    /// `rules/sales.yaml:14:5: unknown key "whne" (did you mean "when"?)`.
    public var description: String { "\(file):\(mark.line):\(mark.column): \(message)" }

    /// `rules/sales.yaml:9:11: warning: …`, for a problem that does not stop loading.
    public var warningDescription: String {
        "\(file):\(mark.line):\(mark.column): warning: \(message)"
    }
}

/// Config or rule files that cannot be used, with every problem found.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    /// Every problem on its own line, in file order, then line and column order.
    public var description: String {
        let ordered = diagnostics.sorted {
            ($0.file, $0.mark.line, $0.mark.column) < ($1.file, $1.mark.line, $1.mark.column)
        }
        return ordered.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics while a loader keeps going, so one run reports them all.
final class DiagnosticLog {
    private(set) var items: [Diagnostic] = []
    /// Likely mistakes that still give a working config: `check` prints them.
    private(set) var warnings: [Diagnostic] = []

    func add(_ file: String, _ mark: SourceMark, _ message: String) {
        items.append(Diagnostic(file: file, mark: mark, message: message))
    }

    func warn(_ file: String, _ mark: SourceMark, _ message: String) {
        warnings.append(Diagnostic(file: file, mark: mark, message: message))
    }

    var isEmpty: Bool { items.isEmpty }
}
