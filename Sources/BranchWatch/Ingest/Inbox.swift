// The inbox directory: which files are ready, and their moves through processing.

/// The inbox and its bookkeeping subdirectories.
///
/// A ready file is claimed by an atomic rename into `processing/`; once its
/// transaction has committed it moves on to `done/`, or to `rejected/` with a
/// `.error` file beside it that says why.
public struct Inbox: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var processingPath: String { Path.join(path, "processing") }
    public var donePath: String { Path.join(path, "done") }
    public var rejectedPath: String { Path.join(path, "rejected") }

    /// Creates the inbox and its subdirectories when missing.
    public func prepare() throws(SystemError) {
        for directory in [path, processingPath, donePath, rejectedPath] {
            try FileSystem.makeDirectories(directory)
        }
    }

    /// Files a writer has finished: hidden, `*.tmp` and `*.part` names are still being written.
    public func readyFiles() throws(SystemError) -> [String] {
        try FileSystem.listFiles(path).filter(Inbox.isReadyName)
    }

    /// Files left in `processing/` by a run that stopped before finishing them.
    public func interruptedFiles() throws(SystemError) -> [String] {
        try FileSystem.listFiles(processingPath)
    }

    static func isReadyName(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part")
    }

    /// Moves a ready file into `processing/` and returns its new path.
    public func claim(_ name: String) throws(SystemError) -> String {
        let target = Path.join(processingPath, name)
        try FileSystem.rename(Path.join(path, name), to: target)
        return target
    }

    /// Moves a processed file to `done/`.
    public func markDone(_ name: String) throws(SystemError) {
        try FileSystem.rename(Path.join(processingPath, name), to: uniqueTarget(donePath, name))
    }

    /// Moves a file to `rejected/` and writes `<name>.error` with the reason.
    public func markRejected(_ name: String, reason: String) throws(SystemError) {
        let target = uniqueTarget(rejectedPath, name)
        try FileSystem.writeFile(target + ".error", reason + "\n")
        try FileSystem.rename(Path.join(processingPath, name), to: target)
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
