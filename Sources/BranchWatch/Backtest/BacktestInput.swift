// Reads the history a backtest replays: long CSV drops, or one plain timestamp,value series.

/// Why history cannot be read for a backtest.
public enum BacktestInputError: Error, CustomStringConvertible {
    case unreadable(path: String, underlying: String)
    case drop(DropFileError)
    case plainHeader(path: String, header: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let underlying): return "cannot read \(path): \(underlying)"
        case .drop(let error): return error.description
        case .plainHeader(let path, let header):
            return "\(path):1:1: expected a header with \"timestamp\" and \"value\" columns, "
                + "found \"\(header)\"; or give a long CSV (timestamp,branch,metric,value) "
                + "without --branch and --metric"
        }
    }
}

/// Which series a plain `timestamp,value` file holds.
public struct PlainSeries: Sendable {
    public var branch: String
    public var metric: String

    public init(branch: String, metric: String) {
        self.branch = branch
        self.metric = metric
    }
}

/// Loads backtest history.
public enum BacktestInput {
    /// The samples of `path` and its unreadable rows. A long CSV unless `plain` says which
    /// series a `timestamp,value` file holds.
    public static func read(_ path: String, plain: PlainSeries?) throws(BacktestInputError)
        -> ParsedDrop
    {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw .unreadable(path: path, underlying: "\(error)")
        }
        guard let plain else {
            do {
                return try LongCSVParser.parse(bytes, file: path)
            } catch {
                throw .drop(error)
            }
        }
        return try readPlain(bytes, path: path, series: plain)
    }

    /// Reads `timestamp,value` by giving every row the branch and metric of `series`
    /// and handing it to the long CSV reader, so both forms read values the same way.
    private static func readPlain(_ bytes: [UInt8], path: String, series: PlainSeries)
        throws(BacktestInputError) -> ParsedDrop
    {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let header = lines.first else { throw .plainHeader(path: path, header: "") }
        let names = CSVLine.split(header).map { $0.text.trimmed.lowercased() }
        guard names.contains("timestamp"), names.contains("value") else {
            throw .plainHeader(path: path, header: String(header))
        }
        let prefix = "\(csvField(series.branch)),\(csvField(series.metric)),"
        lines[0] = Substring("branch,metric," + header)
        for index in lines.indices.dropFirst() where !lines[index].trimmed.isEmpty {
            lines[index] = Substring(prefix + lines[index])
        }
        var drop: ParsedDrop
        do {
            drop = try LongCSVParser.parse(Array(lines.joined(separator: "\n").utf8), file: path)
        } catch {
            throw .drop(error)
        }
        // Problems name columns of the file as written, not of the widened rows.
        for index in drop.problems.indices {
            drop.problems[index].column = max(1, drop.problems[index].column - prefix.count)
        }
        return drop
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
    }
}
