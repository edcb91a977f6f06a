// Reads the history a backtest replays: long CSV drops, or one plain timestamp,value series.

/// Why history cannot be read for a backtest.
public enum BacktestInputError: Error, CustomStringConvertible {
    case unreadable(path: String, underlying: String)
    case drop(DropFileError)
    case plainHeader(path: String, header: String)
    /// A plain `timestamp,value` file given without `--branch`/`--metric`.
    case plainWithoutSeries(path: String)
    /// `--branch`/`--metric` given for a file whose rows name their own series.
    case notPlain(path: String, columns: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let underlying): return "cannot read \(path): \(underlying)"
        case .drop(let error): return error.description
        case .plainHeader(let path, let header):
            return "\(path):1:1: expected a header with \"timestamp\" and \"value\" columns, "
                + "found \"\(header)\"; or give a long CSV (timestamp,branch,metric,value) "
                + "without --branch and --metric"
        case .plainWithoutSeries(let path):
            return "\(path):1:1: this is a plain timestamp,value file, which names no branch "
                + "or metric; give them with --branch ID --metric NAME"
        case .notPlain(let path, let columns):
            return "\(path):1:1: --branch and --metric are only for a plain timestamp,value "
                + "file, but this header also has "
                + columns.map { "\"\($0)\"" }.joined(separator: ", ")
                + "; leave out --branch and --metric to replay every series it holds "
                + "(a long or wide file names each row's branch itself)"
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
    /// The samples of `path` and its unreadable rows. A long or wide CSV unless `plain`
    /// says which series a `timestamp,value` file holds; with `plain`, a file with any
    /// other column is refused rather than relabelled.
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
                if case .missingColumn(_, "branch", let header) = error,
                    isPlainHeader(header)
                {
                    throw .plainWithoutSeries(path: path)
                }
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
        // Giving every row one series would merge the series of a long or wide file and
        // drop all but one row of each date as a duplicate.
        let extra = names.filter { $0 != "timestamp" && $0 != "value" && !$0.isEmpty }
        guard extra.isEmpty else { throw .notPlain(path: path, columns: extra) }
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

    /// True for a header of exactly `timestamp` and `value`, in either order.
    private static func isPlainHeader(_ header: String) -> Bool {
        let names = CSVLine.split(Substring(header)).map { $0.text.trimmed.lowercased() }
        return names.sorted() == ["timestamp", "value"]
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
    }
}
