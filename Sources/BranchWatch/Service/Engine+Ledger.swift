// Which earlier file the ledger holds for the content of a file found already applied.

extension Engine {
    /// The name the ledger records for the content of `name` in `processing/`, read again
    /// to digest it; nil when it cannot be read or is not in the ledger. Only files found
    /// already applied pay for this second read.
    func earlierName(ofClaimed name: String) -> String? {
        do {
            let chunks = ByteChunks.file(
                try ChunkedFile(path: Path.join(inbox.processingPath, name)),
                chunkSize: config.ingest.readChunkBytes)
            let digest = try DropScan.scan(chunks, checkUTF8: false).digest
            let query = try store.database.prepare(
                "SELECT name FROM applied_files WHERE digest = ?")
            try query.bind([.text(digest)])
            return try query.step() ? query.text(0) : nil
        } catch {
            return nil
        }
    }
}

/// What the log says about where a file came from and where it went, beyond its name.
struct FileNames {
    /// The file first applied with the same content, for a file skipped as already applied.
    var earlier: String?
    /// The name it is kept under in `done/` or `rejected/`, when not its own.
    var stored: String?

    /// `earlier=` and `stored=` log fields for the names that are known.
    func fields(for name: String) -> [String: String] {
        var fields: [String: String] = [:]
        if let earlier { fields["earlier"] = earlier }
        if let stored, stored != name { fields["stored"] = stored }
        return fields
    }
}
