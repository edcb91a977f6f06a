// What can be wrong with a drop: a row that cannot be read, or a file that cannot be read.

/// A row (or one cell of a wide row) that could not be read; the rest of the file applies.
public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String
    /// The start of the row as written, for the rejected-rows report.
    public var excerpt: String = ""

    public var description: String { "\(file):\(line):\(column): \(reason)" }
}

/// A drop file that cannot be read at all; it is moved to `rejected/` whole.
public enum DropFileError: Error, Equatable, CustomStringConvertible {
    case empty(file: String)
    /// A header and no row under it.
    case noRows(file: String)
    case missingColumn(file: String, column: String, header: String)
    case duplicateColumn(file: String, name: String, first: Int, second: Int)
    case noMetricColumns(file: String, header: String)
    case unreadableHeader(file: String, line: Int, column: Int, reason: String)
    case unknownEncoding(String)
    /// Compressed, binary or UTF-16: `what` says which, and what to do.
    case notText(file: String, what: String)
    case looksLikeUTF8(file: String, declared: String, why: String)
    /// The header holds no comma but this separator.
    case otherSeparator(file: String, separator: String)

    public var description: String {
        switch self {
        case .empty(let file):
            return "\(file):1:1: the file is empty; a drop needs a header and rows, or JSON objects"
        case .noRows(let file):
            return "\(file):2:1: no rows: the file has a header but no rows under it; "
                + "check the export's date range or filter"
        case .missingColumn(let file, let column, let header):
            return "\(file):1:1: the header has no \"\(column)\" column (header is \"\(header)\"); "
                + "a drop starts with timestamp,branch,metric,value or timestamp,branch,<metric>…; "
                + "name your export's columns in the config's inbox.columns"
        case .duplicateColumn(let file, let name, let first, let second):
            return "\(file):1:\(second): column \(second) is \"\(name)\" again (as column "
                + "\(first)); each name may appear once"
        case .noMetricColumns(let file, let header):
            return "\(file):1:1: the header names no metric (header is \"\(header)\"); add "
                + "metric,value columns, or one column per metric"
        case .unreadableHeader(let file, let line, let column, let reason):
            return "\(file):\(line):\(column): the header row cannot be read: \(reason)"
        case .unknownEncoding(let name):
            return "this system's iconv does not know the encoding \"\(name)\""
        case .notText(let file, let what):
            return "\(file):1:1: this is not a text export but \(what)"
        case .looksLikeUTF8(let file, let declared, let why):
            return "\(file):1:1: inbox.encoding is \(declared) but the file looks like UTF-8 "
                + "(\(why)); set inbox.encoding to auto or utf-8, or export as \(declared)"
        case .otherSeparator(let file, let separator):
            return "\(file):1:1: the header looks separated by \(separator), not commas; "
                + "export the file as comma-separated CSV"
        }
    }
}

/// What a drop file held: the samples to apply and the rows that were skipped.
public struct ParsedDrop: Sendable {
    public var samples: [Sample] = []
    public var problems: [RowProblem] = []
    /// Cells that held no value (`-`, `N/A`, empty): skipped and counted, never read as zero.
    public var missing = 0
}
