// Reads one drop file in batches of samples, whatever its format and encoding.

/// The layouts a drop file can have.
public enum DropFormat: String, Sendable {
    /// `timestamp,branch,metric,value[,label…]`
    case longCSV = "long-csv"
    /// `timestamp,branch,<metric>,<metric>…`
    case wideCSV = "wide-csv"
    /// One JSON object per line.
    case jsonLines = "jsonl"

    static let jsonExtensions = [".jsonl", ".ndjson", ".json"]
}

/// Reads a drop batch by batch, so memory is bounded by `IngestSettings.batchRows` and
/// `maxRowBytes`, not by the size of the file.
///
/// JSON Lines is chosen by extension (`.jsonl`, `.ndjson`, `.json`) or by a first
/// character of `{`; otherwise the file is CSV, long when its header has `metric` and
/// `value` columns and wide when not. Owned by one thread.
public final class DropReader {
    public let file: String
    public let format: DropFormat
    /// The iconv name the text is decoded from.
    public let encoding: String
    private let batchRows: Int
    private let text: DecodedText
    private let rows: RowInterpreter
    private let mapping: ColumnMapping
    /// Set for CSV drops, with `shape`; `lines` is set for JSON Lines instead.
    private var records: CSVRecordReader?
    private var shape: RowShape?
    /// The byte-level readers for plain long-CSV, wide-CSV and JSON lines, tried before
    /// the general ones.
    private var plainRows: PlainLongRows?
    private var plainWide: PlainWideRows?
    private var plainJSON: PlainJSONLines?
    private var lines: LineReader?
    private var isFinished = false
    /// How many samples the last batch held, to size the next one's array.
    private var lastBatchSamples = 0
    /// CSV rows read ahead at the start (the first batch of a wide drop, the first row
    /// of a long one), handed out before reading on. Plain wide lines are kept as their
    /// bytes in `readAheadBlocks`, which takes a tenth of the memory of a `String` per cell.
    private var readAhead: [ReadAheadRow] = []
    private var readAheadBlocks = ReadAheadBlocks()
    private var readAheadIndex = 0
    /// Wide columns read as labels because their first batch held only text.
    public private(set) var textLabels: [String] = []

    /// Opens a drop and reads a CSV header. Throws `DropFileError` when the file cannot be
    /// read as a drop at all, and `SystemError` when it cannot be read from disk.
    init(
        _ bytes: ByteChunks, file: String, encoding: String, settings: IngestSettings,
        isKnownUTF8: Bool = false
    ) throws {
        self.file = file
        self.encoding = encoding
        batchRows = settings.batchRows
        text = try DecodedText(bytes, encoding: encoding, isKnownUTF8: isKnownUTF8)
        mapping = ColumnMapping(settings)
        rows = RowInterpreter(file: file, encoding: encoding)
        // Limitation: a file whose first read chunk is all blank space counts as empty;
        // no exporter pads a drop with tens of kilobytes of blank lines.
        guard let first = try text.firstSignificantByte() else {
            throw DropFileError.empty(file: file)
        }
        let lowered = file.lowercased()
        let isJSON =
            DropFormat.jsonExtensions.contains(where: lowered.hasSuffix)
            || first == UInt8(ascii: "{")
        if isJSON {
            lines = LineReader(text: text, maxBytes: settings.maxRowBytes)
            plainJSON = PlainJSONLines(mapping: mapping)
            format = .jsonLines
            return
        }
        var records = CSVRecordReader(text: text, maxRecordBytes: settings.maxRowBytes)
        var shape = try Self.readHeader(&records, file: file, encoding: encoding, mapping: mapping)
        let header = shape
        records.isRowStart = { RecordRules.isRowStart($0, shape: header) }
        // Limitation: a wide drop's first batch of rows is held as text before it is read,
        // so memory at the start is bounded by batch_rows × max_row_size, as later batches.
        let ahead = shape.isWide ? max(1, batchRows) : 1
        var blocks = ReadAheadBlocks()
        while readAhead.count < ahead {
            let columns = shape.isWide ? shape.columnCount : 0
            let plain = try records.nextLine { line, number -> ReadAheadRow? in
                guard PlainWideRows.isPlain(line, columns: columns) else { return nil }
                let (block, range) = blocks.keep(line)
                return .plain(block: block, range, line: number)
            }
            if let plain {
                readAhead.append(plain)
            } else if let record = try records.next() {
                readAhead.append(.record(record))
            } else {
                break
            }
        }
        guard !readAhead.isEmpty else { throw DropFileError.noRows(file: file) }
        readAheadBlocks = blocks
        textLabels = shape.labellingTextColumns(in: readAhead, blocks: blocks)
        if !textLabels.isEmpty { Self.noteTextLabels(textLabels, file: file, settings: settings) }
        self.records = records
        self.shape = shape
        plainRows = PlainLongRows(shape)
        plainWide = PlainWideRows(shape)
        format = shape.isWide ? .wideCSV : .longCSV
    }

    /// Opens the drop file at `path`, named `file` in reports. `isKnownUTF8` says a scan
    /// (`DropScan`) already found the bytes to be valid UTF-8, so they need no decoding.
    public convenience init(
        path: String, file: String, encoding: String, settings: IngestSettings,
        isKnownUTF8: Bool = false
    ) throws {
        let chunks = ByteChunks.file(
            try ChunkedFile(path: path), chunkSize: settings.readChunkBytes)
        try self.init(
            chunks, file: file, encoding: encoding, settings: settings, isKnownUTF8: isKnownUTF8)
    }

    /// The next batch of at most about `batchRows` samples and problems; nil at the end.
    public func nextBatch() throws(SystemError) -> ParsedDrop? {
        guard !isFinished else { return nil }
        var drop = ParsedDrop()
        // A batch after the first is about as large as the one before: sized once.
        drop.samples.reserveCapacity(lastBatchSamples)
        while drop.samples.count + drop.problems.count < batchRows {
            try readPlainLines(into: &drop)
            try readPlainWideLines(into: &drop)
            try readPlainJSONLines(into: &drop)
            guard drop.samples.count + drop.problems.count < batchRows else { break }
            guard try readRow(into: &drop) else {
                isFinished = true
                break
            }
        }
        lastBatchSamples = drop.samples.count
        let isEmpty = drop.samples.isEmpty && drop.problems.isEmpty && drop.missing == 0
        return isFinished && isEmpty ? nil : drop
    }

    /// Reads one row into `drop`; false at the end of the file.
    private func readRow(into drop: inout ParsedDrop) throws(SystemError) -> Bool {
        if lines != nil {
            guard let line = try lines?.next() else { return false }
            JSONLineInterpreter(mapping: mapping, rows: rows).read(line, into: &drop)
            return true
        }
        guard let row = try nextRecord(), let shape else { return false }
        // The read-ahead bytes are let go once the last of their rows has been read.
        defer { if readAhead.isEmpty { readAheadBlocks = ReadAheadBlocks() } }
        let record: CSVRecord
        switch row {
        case .record(let general):
            record = general
        case .plain(let block, let range, let number):
            let isRead = readAheadBlocks.withLine(block, range) { line in
                plainWide?.read(line, lineNumber: number, into: &drop) ?? false
            }
            if isRead { return true }
            record = readAheadBlocks.withLine(block, range) { line in
                PlainWideRows.record(line, lineNumber: number)
            }
        }
        if let problem = record.problem {
            drop.problems.append(
                RowProblem(
                    file: file, line: problem.position.line, column: problem.position.column,
                    reason: problem.reason, excerpt: record.excerpt))
            return true
        }
        let cells = record.cells.map { RowCell(text: $0.text, position: $0.position) }
        rows.read(cells, shape: shape, start: record.start, excerpt: record.excerpt, into: &drop)
        return true
    }

    /// The next row read ahead, then the next record in the file.
    private func nextRecord() throws(SystemError) -> ReadAheadRow? {
        if readAheadIndex < readAhead.count {
            let row = readAhead[readAheadIndex]
            readAheadIndex += 1
            if readAheadIndex == readAhead.count {
                readAhead = []
                readAheadIndex = 0
            }
            return row
        }
        return try records?.next().map { .record($0) }
    }

    /// One notice per file: the columns are labels now, and `inbox.labels` says so for good.
    private static func noteTextLabels(
        _ names: [String], file: String, settings: IngestSettings
    ) {
        settings.logger?.notice(
            "text columns read as labels",
            [
                "file": file, "columns": names.joined(separator: ","),
                "hint": "list them under inbox.labels to say so in the config",
            ])
    }

    /// Reads the lines that follow into `drop` with the fast path, until it leaves one to
    /// the general reader, the text ends or the batch is full.
    private func readPlainLines(into drop: inout ParsedDrop) throws(SystemError) {
        guard readAheadIndex >= readAhead.count, var rows = plainRows, var reader = records
        else { return }
        // Moved out and back so the two values are not accessed while borrowed; once per
        // run of plain lines rather than once per line, as each move costs retains.
        plainRows = nil
        records = nil
        defer {
            plainRows = rows
            records = reader
        }
        while drop.samples.count + drop.problems.count < batchRows {
            let sample = try reader.nextLine { line, number in rows.read(line, lineNumber: number) }
            guard let sample else { return }
            drop.samples.append(sample)
        }
    }

    /// As `readPlainLines`, for wide-CSV lines.
    private func readPlainWideLines(into drop: inout ParsedDrop) throws(SystemError) {
        guard readAheadIndex >= readAhead.count, var rows = plainWide, var reader = records
        else { return }
        readAheadBlocks = ReadAheadBlocks()
        plainWide = nil
        records = nil
        defer {
            plainWide = rows
            records = reader
        }
        while drop.samples.count + drop.problems.count < batchRows {
            let isRead = try reader.nextLine { line, number in
                rows.read(line, lineNumber: number, into: &drop) ? true : nil
            }
            guard isRead != nil else { return }
        }
    }

    /// As `readPlainLines`, for JSON lines.
    private func readPlainJSONLines(into drop: inout ParsedDrop) throws(SystemError) {
        guard var plain = plainJSON, var reader = lines else { return }
        plainJSON = nil
        lines = nil
        defer {
            plainJSON = plain
            lines = reader
        }
        while drop.samples.count + drop.problems.count < batchRows {
            let isRead = try reader.nextLine { line, number in
                plain.read(line, lineNumber: number, into: &drop) ? true : nil
            }
            guard isRead != nil else { return }
        }
    }

    /// The separator a one-column header is really split by, described for a message.
    private static func otherSeparator(in header: Substring) -> String? {
        if header.contains(";") { return "';'" }
        if header.contains("\t") { return "tabs" }
        if header.contains("|") { return "'|'" }
        return nil
    }

    /// Reads the first record that is not blank as the header and works out the shape.
    private static func readHeader(
        _ records: inout CSVRecordReader, file: String, encoding: String, mapping: ColumnMapping
    ) throws -> RowShape {
        guard let header = try records.next() else { throw DropFileError.empty(file: file) }
        if let problem = header.problem {
            throw DropFileError.unreadableHeader(
                file: file, line: problem.position.line, column: problem.position.column,
                reason: problem.reason)
        }
        if let bad = header.cells.first(where: { $0.text.unicodeScalars.contains("\u{FFFD}") }) {
            throw DropFileError.unreadableHeader(
                file: file, line: bad.position.line, column: bad.position.column,
                reason: "bytes that are not valid \(encoding) text; export the file as UTF-8, "
                    + "or set inbox.encoding")
        }
        let names = header.cells.map { $0.text[...] }
        let text = header.cells.map(\.text).joined(separator: ",")
        do {
            return try RowShape.make(names, mapping: mapping)
        } catch {
            if names.count == 1, let separator = otherSeparator(in: names[0]) {
                throw DropFileError.otherSeparator(file: file, separator: separator)
            }
            switch error {
            case .missing(let column):
                throw DropFileError.missingColumn(file: file, column: column, header: text)
            case .duplicate(let name, let first, let second):
                throw DropFileError.duplicateColumn(
                    file: file, name: name, first: first, second: second)
            case .noMetrics:
                throw DropFileError.noMetricColumns(file: file, header: text)
            }
        }
    }
}
