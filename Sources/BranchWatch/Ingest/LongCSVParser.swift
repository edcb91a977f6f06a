// Reads long-format CSV drops: timestamp,branch,metric,value.

/// A row that could not be read; the rest of the file still applies.
public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String

    public var description: String { "\(file):\(line):\(column): \(reason)" }
}

/// A drop file that cannot be read at all.
public enum DropFileError: Error, Equatable, CustomStringConvertible {
    case notUTF8(file: String)
    case empty(file: String)
    case missingColumn(file: String, column: String, header: String)

    public var description: String {
        switch self {
        case .notUTF8(let file):
            return "\(file):1:1: the file is not UTF-8 text; export it as UTF-8"
        case .empty(let file):
            return "\(file):1:1: the file is empty; a drop needs a header and rows"
        case .missingColumn(let file, let column, let header):
            return "\(file):1:1: the header has no \"\(column)\" column (header is \"\(header)\"); "
                + "a long CSV drop starts with timestamp,branch,metric,value"
        }
    }
}

/// What a drop file held: the samples to apply and the rows that were skipped.
public struct ParsedDrop: Sendable {
    public var samples: [Sample] = []
    public var problems: [RowProblem] = []
}

/// Parses the long CSV format: one sample per row.
public enum LongCSVParser {
    static let requiredColumns = ["timestamp", "branch", "metric", "value"]

    /// Parses the whole text of a drop; `file` names it in problems and errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(DropFileError) -> ParsedDrop {
        guard let text = String(validating: withoutByteOrderMark(bytes), as: UTF8.self) else {
            throw .notUTF8(file: file)
        }
        // "\r\n" is a single Character in Swift, so it is named as a separator of its own.
        var lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })[...]
        guard let headerLine = lines.popFirst(),
            !headerLine.trimmed.isEmpty
        else { throw .empty(file: file) }
        let columns = try columnIndexes(headerLine, file: file)
        var drop = ParsedDrop()
        for (offset, line) in lines.enumerated() {
            if line.trimmed.isEmpty { continue }
            switch readRow(line, columns: columns, lineNumber: offset + 2) {
            case .success(let sample): drop.samples.append(sample)
            case .failure(let problem): drop.problems.append(problem.located(in: file))
            }
        }
        return drop
    }

    private struct Columns {
        var timestamp = 0, branch = 0, metric = 0, value = 0
    }

    private static func columnIndexes(_ header: Substring, file: String) throws(DropFileError)
        -> Columns
    {
        let names = CSVLine.split(header).map { $0.text.trimmed.lowercased() }
        var indexes: [Int] = []
        for required in requiredColumns {
            guard let index = names.firstIndex(of: required) else {
                throw .missingColumn(file: file, column: required, header: String(header))
            }
            indexes.append(index)
        }
        return Columns(
            timestamp: indexes[0], branch: indexes[1], metric: indexes[2], value: indexes[3])
    }

    /// A row problem before the file name is known to it.
    private struct UnplacedProblem: Error {
        var line: Int
        var column: Int
        var reason: String

        func located(in file: String) -> RowProblem {
            RowProblem(file: file, line: line, column: column, reason: reason)
        }
    }

    private static func readRow(
        _ line: Substring, columns: Columns, lineNumber: Int
    ) -> Result<Sample, UnplacedProblem> {
        let fields = CSVLine.split(line)
        let needed = max(columns.timestamp, columns.branch, columns.metric, columns.value)
        guard fields.count > needed else {
            let reason = "expected at least \(needed + 1) fields, found \(fields.count)"
            return .failure(UnplacedProblem(line: lineNumber, column: 1, reason: reason))
        }
        let stamp = fields[columns.timestamp]
        guard let timestamp = TimestampParser.parse(stamp.text.trimmedSubstring) else {
            let reason = "\"\(stamp.text)\" is not a timestamp (use 2024-03-01 or ISO-8601)"
            return .failure(UnplacedProblem(line: lineNumber, column: stamp.column, reason: reason))
        }
        let branch = fields[columns.branch].text.trimmed
        let metric = fields[columns.metric].text.trimmed
        if branch.isEmpty {
            let column = fields[columns.branch].column
            return .failure(
                UnplacedProblem(line: lineNumber, column: column, reason: "empty branch"))
        }
        if metric.isEmpty {
            let column = fields[columns.metric].column
            return .failure(
                UnplacedProblem(line: lineNumber, column: column, reason: "empty metric"))
        }
        let cell = fields[columns.value]
        guard let value = Double(cell.text.trimmed), value.isFinite else {
            let reason = "\"\(cell.text)\" is not a number"
            return .failure(UnplacedProblem(line: lineNumber, column: cell.column, reason: reason))
        }
        let sample = Sample(
            timestamp: timestamp, branch: branch, metric: metric, value: value, line: lineNumber)
        return .success(sample)
    }

    private static func withoutByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    }
}
