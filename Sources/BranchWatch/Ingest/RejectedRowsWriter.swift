// Writes the rows of a drop that were not applied to a report beside it, as they are found.

/// Streams row problems, late and conflicting samples to a file (`<drop>.rows` in
/// `rejected/` once the drop is finished), keeping only the first few problems in memory
/// for the log and the `.error` file.
///
/// The file is created at the first entry; a drop without any leaves none. At most `limit`
/// entries are listed; the rest are counted in a closing line, so a bad file of any size
/// gives a report of bounded size.
public final class RejectedRowsWriter {
    /// How many problems are kept in memory to be shown in logs and `.error` files.
    public static let kept = 20

    public let path: String
    private let file: String
    private let limit: Int
    private var output: WritableFile?
    /// Entries written, and entries past the limit that were only counted.
    private var listed = 0
    private var unlisted = 0
    public private(set) var count = 0
    public private(set) var first: [RowProblem] = []

    /// Writes to `path` (a draft in `processing/`); `file` is the drop's name; at most
    /// `limit` entries are listed.
    public init(path: String, file: String, limit: Int = 1000) {
        self.path = path
        self.file = file
        self.limit = limit
    }

    /// Appends `problems` to the report, creating it at the first one.
    public func record(_ problems: [RowProblem]) throws(SystemError) {
        guard !problems.isEmpty else { return }
        count += problems.count
        first += problems.prefix(Self.kept - first.count)
        try write(
            problems.map { problem in
                problem.excerpt.isEmpty
                    ? problem.description
                    : problem.description + "\n    " + Self.oneLine(problem.excerpt)
            })
    }

    /// Appends late and conflicting samples, each with its line, series, time and values.
    public func record(_ refused: [RefusedSample]) throws(SystemError) {
        guard !refused.isEmpty else { return }
        try write(refused.map(describe))
    }

    /// Ends the report with what became of the file (`outcome`), and closes it; the caller
    /// moves it to `rejected/`. Does nothing when there was nothing to report.
    public func finish(outcome: String) throws(SystemError) {
        guard let output else { return }
        var text = ""
        if unlisted > 0 {
            text += "# … and \(unlisted) more not listed (inbox.max_report_rows is \(limit))\n"
        }
        text += "# \(outcome)\n"
        try output.write(Array(text.utf8))
        close()
    }

    /// Closes the report without a closing line.
    public func close() {
        output?.close()
        output = nil
    }

    private func write(_ entries: [String]) throws(SystemError) {
        let output = try opened()
        let room = max(0, limit - listed)
        let shown = entries.prefix(room)
        listed += shown.count
        unlisted += entries.count - shown.count
        guard !shown.isEmpty else { return }
        try output.write(Array(shown.map { $0 + "\n" }.joined().utf8))
    }

    private func describe(_ refused: RefusedSample) -> String {
        let sample = refused.sample
        let head =
            "\(file):\(sample.line): \(refused.isConflict ? "conflict" : "late"): "
            + "branch=\(sample.branch) metric=\(sample.metric) "
            + "timestamp=\(ISOTime.formatUTC(sample.timestamp)) "
            + "value=\(Self.number(sample.value))"
        if refused.isConflict {
            return head + "; the series already has value="
                + "\(Self.number(refused.lastValue)) at this time"
        }
        return head + "; the series already has timestamp="
            + ISOTime.formatUTC(refused.lastTimestamp)
    }

    private func opened() throws(SystemError) -> WritableFile {
        if let output { return output }
        let created = try WritableFile(path: path)
        try created.write(Array(Self.heading(file).utf8))
        output = created
        return created
    }

    static func heading(_ file: String) -> String {
        """
        # Rows of \(file) that were not applied.
        # Unreadable rows: file:line:column: reason, then the row as written. Fix them and
        #   drop them again as a new file.
        # late / conflict: a sample at or before its series' last one. By design such samples
        #   never change the statistics, which only move forward, and a fixed row dropped
        #   after newer data is late too. To backfill history, rebuild the state: stop
        #   branchwatch, move state_dir aside and drop every file again, oldest first.

        """
    }

    /// A value as written in a drop: whole numbers without a fraction.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// The excerpt on one line: line breaks inside quoted fields are shown as `\n`.
    private static func oneLine(_ text: String) -> String {
        text.replacingAll("\r", with: "\\r").replacingAll("\n", with: "\\n")
    }
}
