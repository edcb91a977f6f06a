// Writes the rows of a drop that could not be read to a report beside it, as they are found.

/// Streams row problems to a file (`<drop>.rows` in `rejected/` once the drop is finished),
/// keeping only the first few in memory for the log and the `.error` file.
///
/// The file is created at the first problem; a drop without problems leaves none.
public final class RejectedRowsWriter {
    /// How many problems are kept in memory to be shown in logs and `.error` files.
    public static let kept = 20

    public let path: String
    private let file: String
    private var output: WritableFile?
    public private(set) var count = 0
    public private(set) var first: [RowProblem] = []

    /// Writes to `path` (a draft in `processing/`); `file` is the drop's name.
    public init(path: String, file: String) {
        self.path = path
        self.file = file
    }

    /// Appends `problems` to the report, creating it at the first one.
    public func record(_ problems: [RowProblem]) throws(SystemError) {
        guard !problems.isEmpty else { return }
        let output = try opened()
        var text = ""
        for problem in problems {
            text += problem.description + "\n"
            if !problem.excerpt.isEmpty {
                text += "    " + Self.oneLine(problem.excerpt) + "\n"
            }
        }
        try output.write(Array(text.utf8))
        count += problems.count
        first += problems.prefix(Self.kept - first.count)
    }

    /// Closes the report; the caller moves it to `rejected/`.
    public func close() {
        output?.close()
        output = nil
    }

    private func opened() throws(SystemError) -> WritableFile {
        if let output { return output }
        let created = try WritableFile(path: path)
        let heading =
            "# Rows of \(file) that were not applied: file:line:column: reason, then the row "
            + "as written.\n# Fix them and drop them again as a new file; the other rows "
            + "were applied.\n"
        try created.write(Array(heading.utf8))
        output = created
        return created
    }

    /// The excerpt on one line: line breaks inside quoted fields are shown as `\n`.
    private static func oneLine(_ text: String) -> String {
        text.replacingAll("\r", with: "\\r").replacingAll("\n", with: "\\n")
    }
}
