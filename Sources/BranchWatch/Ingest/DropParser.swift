// Parses a whole drop held in memory: for tests, replays and small files.

/// Reads a drop from bytes in memory, all of it at once.
public enum DropParser {
    /// The samples and problems of `bytes`, named `file` in reports; for `auto` encoding,
    /// UTF-8 when the bytes are valid UTF-8 and GB18030 when not.
    public static func parse(
        _ bytes: [UInt8], file: String, settings: IngestSettings = IngestSettings()
    ) throws(DropFileError) -> ParsedDrop {
        let chunks = ByteChunks.memory(bytes, offset: 0, chunkSize: settings.readChunkBytes)
        do {
            let scan = try DropScan.scan(chunks, checkUTF8: settings.encoding == .auto)
            try scan.checkText(file: file, declared: settings.encoding)
            let reader = try DropReader(
                chunks, file: file, encoding: scan.encodingName(settings.encoding),
                settings: settings, isKnownUTF8: scan.provesUTF8(settings.encoding))
            var whole = ParsedDrop()
            while let batch = try reader.nextBatch() {
                whole.samples += batch.samples
                whole.problems += batch.problems
                whole.missing += batch.missing
            }
            return whole
        } catch let error as DropFileError {
            throw error
        } catch {
            // Reading from memory makes no system calls, so nothing else can be thrown.
            preconditionFailure("reading a drop from memory failed: \(error)")
        }
    }
}

/// The first parser's name, kept for callers written against it; it reads every format now.
public enum LongCSVParser {
    public static func parse(_ bytes: [UInt8], file: String) throws(DropFileError) -> ParsedDrop {
        try DropParser.parse(bytes, file: file)
    }
}
