// The files waiting in the inbox, in the order they should be applied.

/// A ready file in the inbox and when it was last written.
public struct WaitingFile: Sendable, Equatable {
    public var name: String
    /// Modification time in epoch seconds.
    public var modified: Double
}

extension Inbox {
    /// Ready files, oldest modification first and by name among equals, so a backlog is
    /// applied in the order it was written (`report_8.csv` before `report_10.csv`).
    public func waitingFiles() throws(SystemError) -> [WaitingFile] {
        try Inbox.ordered(readyFiles(), in: path)
    }

    /// Files left in `processing/` by an interrupted run, oldest first.
    func interruptedBacklog() throws(SystemError) -> [WaitingFile] {
        try Inbox.ordered(interruptedFiles(), in: processingPath)
    }

    /// The named file if it is a regular, ready file in the inbox now.
    func waitingFile(named name: String) -> WaitingFile? {
        let full = Path.join(path, name)
        guard Inbox.isReadyName(name), FileSystem.isRegularFile(full),
            let modified = FileSystem.modificationTime(full)
        else { return nil }
        return WaitingFile(name: name, modified: modified)
    }

    static func ordered(_ names: [String], in directory: String) -> [WaitingFile] {
        names.compactMap { name in
            FileSystem.modificationTime(Path.join(directory, name)).map {
                WaitingFile(name: name, modified: $0)
            }
        }.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
    }
}
