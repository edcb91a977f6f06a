// A YAML document as a tree of scalars, mappings and sequences, each with its position.

/// A 1-based line and column in a source file.
public struct SourceMark: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One node of a parsed YAML document.
public indirect enum YAMLNode: Sendable {
    case scalar(String, SourceMark)
    case mapping([(key: String, keyMark: SourceMark, value: YAMLNode)], SourceMark)
    case sequence([YAMLNode], SourceMark)

    public var mark: SourceMark {
        switch self {
        case .scalar(_, let mark), .mapping(_, let mark), .sequence(_, let mark): return mark
        }
    }

    /// What kind of node this is, for error messages.
    public var kindName: String {
        switch self {
        case .scalar: return "a value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
