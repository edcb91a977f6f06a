// The inbox directory: which files are ready, and their moves through processing.

/// The inbox and its bookkeeping subdirectories.
///
/// A ready file is claimed by an atomic rename into `processing/`; once its
/// transaction has committed it moves on to `done/`, or to `rejected/` with a
/// `.error` file beside it that says why.
public struct Inbox: Sendable {
    public let path: String
    /// Modes of the folders and reports this creates (`inbox.file_mode`).
    public let mode: FileMode

    public init(path: String, mode: FileMode = .standard) {
        self.path = path
        self.mode = mode
    }

    public var processingPath: String { Path.join(path, "processing") }
    public var donePath: String { Path.join(path, "done") }
    public var rejectedPath: String { Path.join(path, "rejected") }

    /// Creates the inbox and its subdirectories when missing, and gives the subdirectories
    /// the configured folder mode (the inbox itself is the operator's to set).
    public func prepare() throws(SystemError) {
        for directory in [path, processingPath, donePath, rejectedPath] {
            try FileSystem.makeDirectories(directory)
        }
        for directory in [processingPath, donePath, rejectedPath] {
            try FileSystem.setMode(directory, mode.directory)
        }
    }

    /// Files a writer has finished: hidden, `*.tmp` and `*.part` names are still being written.
    public func readyFiles() throws(SystemError) -> [String] {
        try FileSystem.listFiles(path).filter(Inbox.isReadyName)
    }

    /// Files left in `processing/` by a run that stopped before finishing them; hidden
    /// names there are this program's own drafts (rejected-rows reports).
    public func interruptedFiles() throws(SystemError) -> [String] {
        try FileSystem.listFiles(processingPath).filter(Inbox.isReadyName)
    }

    /// Extensions of the files read as drops, compared lowercased.
    static let dropExtensions = [".csv", ".txt", ".jsonl", ".ndjson", ".json"]

    /// A finished drop: not hidden, not `*.tmp`/`*.part` (any case), and with an extension
    /// read as a drop.
    static func isReadyName(_ name: String) -> Bool {
        !isInProgress(name) && hasDropExtension(name)
    }

    /// Hidden, `*.tmp` and `*.part` names (any case) are still being written.
    static func isInProgress(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return name.hasPrefix(".") || lowered.hasSuffix(".tmp") || lowered.hasSuffix(".part")
    }

    static func hasDropExtension(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return dropExtensions.contains { lowered.hasSuffix($0) }
    }

    /// Files and folders in the inbox that are never read, each with why: folders, and
    /// files whose extension is not a drop's.
    func ignoredEntries() throws(SystemError) -> [(name: String, reason: String)] {
        let bookkeeping: Set<String> = ["processing", "done", "rejected"]
        let folders = try FileSystem.listDirectories(path).filter { !bookkeeping.contains($0) }
        let others = try FileSystem.listFiles(path).filter {
            !Inbox.isInProgress($0) && !Inbox.hasDropExtension($0)
        }
        let extensions = Inbox.dropExtensions.joined(separator: ", ")
        return folders.map { ($0, "a folder: drops are read from the inbox itself, not below it") }
            + others.map { ($0, "not a drop extension (\(extensions)); rename it to be read") }
    }

    /// Moves a ready file into `processing/` and returns its new path.
    public func claim(_ name: String) throws(SystemError) -> String {
        let target = Path.join(processingPath, name)
        try FileSystem.rename(Path.join(path, name), to: target)
        return target
    }

    /// Where the rejected-rows report of a file in `processing/` is drafted.
    public func rowsDraftPath(_ name: String) -> String {
        Path.join(processingPath, ".\(name).rows")
    }

    /// Moves a processed file to `done/`, or deletes it when `retention` is 0; with a
    /// retention, its age in `done/` counts from now. Its rows report goes to `rejected/`.
    ///
    /// The report moves first: a crash between the two moves leaves the file in
    /// `processing/`, where the next start finds it already applied and finishes the move.
    ///
    /// Returns the name the file is kept under in `done/` (`export.csv.2` when an earlier
    /// `export.csv` is there; its report is then `export.csv.2.rows`), or nil when deleted.
    @discardableResult
    public func markDone(_ name: String, retention: Double? = nil) throws(SystemError) -> String? {
        let target = uniqueTarget(donePath, name)
        let stored = retention == 0 ? name : Path.split(target).name
        try moveRowsDraft(name, to: uniqueTarget(rejectedPath, stored + ".rows"))
        let source = Path.join(processingPath, name)
        if retention == 0 {
            try FileSystem.remove(source)
            return nil
        }
        try FileSystem.rename(source, to: target)
        if retention != nil { try FileSystem.touch(target) }
        return stored
    }

    /// Moves a file to `rejected/` and writes `<name>.error` with the reason; its rows
    /// report, if any, becomes `<name>.rows` beside it. A run interrupted before the last
    /// move repeats all three, overwriting the report and `.error` it left.
    ///
    /// Returns the name the file is kept under in `rejected/`; when that is not `name`
    /// (`export.csv.2`), the `.error` file says so, as its reasons name the file as dropped.
    @discardableResult
    public func markRejected(_ name: String, reason: String) throws(SystemError) -> String {
        let target = uniqueTarget(rejectedPath, name)
        let stored = Path.split(target).name
        try moveRowsDraft(name, to: target + ".rows")
        var text = reason + "\n"
        if stored != name {
            text += "(stored as \(stored): an earlier \(name) is already in rejected/)\n"
        }
        try FileSystem.writeFile(target + ".error", text)
        try FileSystem.setMode(target + ".error", mode.file)
        try FileSystem.rename(Path.join(processingPath, name), to: target)
        return stored
    }

    /// Deletes files in `done/` older than `age` seconds; returns how many.
    @discardableResult
    public func pruneDone(olderThan age: Double, now: Double) throws(SystemError) -> Int {
        var removed = 0
        for name in try FileSystem.listFiles(donePath) {
            let file = Path.join(donePath, name)
            guard let modified = FileSystem.modificationTime(file), now - modified > age else {
                continue
            }
            try FileSystem.remove(file)
            removed += 1
        }
        return removed
    }

    /// Renames the rows draft of `name` to `target`, replacing a report left there by an
    /// interrupted run; does nothing when there is no draft.
    private func moveRowsDraft(_ name: String, to target: String) throws(SystemError) {
        let draft = rowsDraftPath(name)
        guard FileSystem.isRegularFile(draft) else { return }
        try FileSystem.setMode(draft, mode.file)
        try FileSystem.rename(draft, to: target)
    }

    /// A path in `directory` for `name` that does not overwrite an earlier file of that name.
    private func uniqueTarget(_ directory: String, _ name: String) -> String {
        var candidate = Path.join(directory, name)
        var attempt = 1
        while FileSystem.isRegularFile(candidate) {
            attempt += 1
            candidate = Path.join(directory, "\(name).\(attempt)")
        }
        return candidate
    }
}
