// Splits CSV text into records as RFC 4180 describes, across chunk and line boundaries.
import Glibc

/// A line and a column (in characters, 1-based) in a drop file.
struct TextPosition: Equatable {
    var line: Int
    var column: Int
}

/// One field of a CSV record and where it starts.
struct CSVCell {
    var text: String
    var position: TextPosition
}

/// One CSV record: its fields, where it starts, and why it cannot be read, if it cannot.
struct CSVRecord {
    var cells: [CSVCell]
    var start: TextPosition
    var problem: (position: TextPosition, reason: String)?
    /// The first bytes of the record as written, for the rejected-rows report.
    var excerpt: String

    /// A line with nothing but separators and spaces, as spreadsheets leave at the end.
    var isBlank: Bool {
        problem == nil && cells.allSatisfy { $0.text.allSatisfy { $0 == " " || $0 == "\t" } }
    }
}

/// Reads CSV records from decoded text: quoted fields may hold commas, doubled quotes and
/// line breaks; lines end in LF, CRLF or CR.
///
/// Memory is bounded by `maxRecordBytes`: a longer record is reported and skipped up to
/// the next line end, which is also where reading picks up again after it.
struct CSVRecordReader {
    static let excerptBytes = 160
    static let maxCells = 65_536

    private let text: DecodedText
    private let maxRecordBytes: Int
    private var buffer: [UInt8] = []
    private var index = 0
    private var here = TextPosition(line: 1, column: 1)
    /// Tells a line that reads as a row of its own; set once the header is known. A quoted
    /// field that swallows such a line was never closed, and ends before it.
    var isRowStart: (([UInt8]) -> Bool)?

    init(text: DecodedText, maxRecordBytes: Int) {
        self.text = text
        self.maxRecordBytes = maxRecordBytes
    }

    /// The next record that is not blank, or nil at the end of the text.
    mutating func next() throws(SystemError) -> CSVRecord? {
        while let record = try readRecord() {
            if !record.isBlank { return record }
        }
        return nil
    }

    /// Offers the next line, if the buffer holds all of it up to its line feed, to `read`
    /// (without the line end, and with its line number); the line is consumed only when
    /// `read` gives a result. Nil leaves the line to `next()`.
    mutating func nextLine<T>(
        _ read: (UnsafeBufferPointer<UInt8>, Int) -> T?
    ) throws(SystemError) -> T? {
        guard try peekByte() != nil else { return nil }
        let found: (T, Int)? = buffer.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress,
                let feed = memchr(base + index, Int32(Byte.lineFeed), all.count - index)
            else { return nil }
            let end = base.distance(to: feed.assumingMemoryBound(to: UInt8.self))
            // A line at or over the limit is `next()`'s to report as too long.
            guard end - index + 1 <= maxRecordBytes else { return nil }
            // A CR before the LF ends the line as well; any other CR is left to `next()`.
            var last = end
            if last > index && all[last - 1] == Byte.carriageReturn { last -= 1 }
            let line = UnsafeBufferPointer(rebasing: all[index..<last])
            return read(line, here.line).map { ($0, end + 1) }
        }
        guard let (result, next) = found else { return nil }
        index = next
        here = TextPosition(line: here.line + 1, column: 1)
        return result
    }

    private mutating func readRecord() throws(SystemError) -> CSVRecord? {
        guard try peekByte() != nil else { return nil }
        var builder = RecordBuilder(start: here)
        while let (byte, position) = try nextByte() {
            builder.note(byte)
            if builder.size > maxRecordBytes || builder.cellCount > CSVRecordReader.maxCells {
                if byte != Byte.lineFeed { try skipLine() }
                return builder.tooLong(maxRecordBytes)
            }
            if builder.isInQuotes {
                if byte == Byte.lineFeed, capsOpenQuote(&builder, lineEnd: [byte]) {
                    return builder.unclosedQuote()
                }
                try readQuoted(byte, at: position, into: &builder)
                continue
            }
            switch byte {
            case Byte.comma:
                builder.endField(next: here)
            case Byte.lineFeed:
                return builder.finish()
            case Byte.carriageReturn:
                if try peekByte() == Byte.lineFeed {
                    _ = try nextByte()
                } else {
                    here = TextPosition(line: here.line + 1, column: 1)
                }
                return builder.finish()
            default:
                builder.addUnquoted(byte, at: position)
            }
        }
        if builder.isInQuotes && capsOpenQuote(&builder, lineEnd: []) {
            return builder.unclosedQuote()
        }
        return builder.finishAtEnd()
    }

    /// At a line break (or the end) inside a quoted field: when the line just read would
    /// be a row on its own, puts it back to be read again and says the quote is to be
    /// closed; else starts watching the next line. The line is at most one record long,
    /// so memory stays bounded.
    private mutating func capsOpenQuote(_ builder: inout RecordBuilder, lineEnd: [UInt8])
        -> Bool
    {
        defer { builder.startQuotedLine(at: here) }
        guard let lineStart = builder.quotedLineStart, let isRowStart,
            isRowStart(builder.quotedLine)
        else { return false }
        buffer = builder.quotedLine + lineEnd + Array(buffer[index...])
        index = 0
        here = lineStart
        return true
    }

    /// Inside quotes everything is text; a quote ends the field unless another follows it.
    private mutating func readQuoted(
        _ byte: UInt8, at position: TextPosition, into builder: inout RecordBuilder
    ) throws(SystemError) {
        guard byte == Byte.quote else {
            builder.field.append(byte)
            return
        }
        if try peekByte() == Byte.quote {
            _ = try nextByte()
            builder.note(Byte.quote)
            builder.field.append(Byte.quote)
        } else {
            builder.closeQuote()
        }
    }

    /// Consumes bytes up to and including the next line feed.
    private mutating func skipLine() throws(SystemError) {
        while let (byte, _) = try nextByte(), byte != Byte.lineFeed {}
    }

    /// The next byte and its position, reading another chunk when the buffer is used up.
    private mutating func nextByte() throws(SystemError) -> (UInt8, TextPosition)? {
        guard try peekByte() != nil else { return nil }
        let byte = buffer[index]
        let position = here
        index += 1
        if byte == Byte.lineFeed {
            here = TextPosition(line: here.line + 1, column: 1)
        } else if byte & 0xC0 != 0x80 {
            // Continuation bytes of a UTF-8 sequence belong to the character already counted.
            here.column += 1
        }
        return (byte, position)
    }

    private mutating func peekByte() throws(SystemError) -> UInt8? {
        while index >= buffer.count {
            guard let chunk = try text.next() else { return nil }
            buffer = chunk
            index = 0
        }
        return buffer[index]
    }
}

/// ASCII bytes the CSV grammar is made of.
enum Byte {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

/// The record being read: finished cells, the field in progress and the quoting state.
private struct RecordBuilder {
    let start: TextPosition
    var cells: [CSVCell] = []
    var field: [UInt8] = []
    var fieldStart: TextPosition
    var openQuote: TextPosition?
    var wasQuoted = false
    var problem: (position: TextPosition, reason: String)?
    var size = 0
    var excerpt: [UInt8] = []
    /// Inside a quoted field that spans lines: where the current line starts, and its bytes.
    var quotedLineStart: TextPosition?
    var quotedLine: [UInt8] = []

    init(start: TextPosition) {
        self.start = start
        fieldStart = start
    }

    var isInQuotes: Bool { openQuote != nil }
    var cellCount: Int { cells.count }

    mutating func note(_ byte: UInt8) {
        size += 1
        if excerpt.count < CSVRecordReader.excerptBytes { excerpt.append(byte) }
        if quotedLineStart != nil && byte != Byte.lineFeed { quotedLine.append(byte) }
    }

    /// A line break inside quotes: the next line is the one to watch.
    mutating func startQuotedLine(at position: TextPosition) {
        quotedLineStart = position
        quotedLine.removeAll(keepingCapacity: true)
    }

    /// The record up to the open quote's line, refused for the quote never closed.
    func unclosedQuote() -> CSVRecord {
        let opened = openQuote ?? start
        let (position, reason) = RecordRules.unclosedQuote(opened)
        var text = excerpt.prefix { $0 != Byte.lineFeed }
        if text.last == Byte.carriageReturn { text.removeLast() }
        return CSVRecord(
            cells: [], start: start, problem: (position, reason),
            excerpt: String(decoding: text, as: UTF8.self))
    }

    mutating func addUnquoted(_ byte: UInt8, at position: TextPosition) {
        if byte == Byte.quote && field.isEmpty && !wasQuoted {
            openQuote = position
            wasQuoted = true
            return
        }
        if wasQuoted && problem == nil {
            problem = (
                position,
                "text after the closing quote of a field; write a quote inside a quoted field "
                    + "as two quotes (\"\")"
            )
        }
        field.append(byte)
    }

    mutating func closeQuote() {
        openQuote = nil
        quotedLineStart = nil
        quotedLine.removeAll()
    }

    mutating func endField(next: TextPosition) {
        cells.append(CSVCell(text: String(decoding: field, as: UTF8.self), position: fieldStart))
        field.removeAll(keepingCapacity: true)
        fieldStart = next
        wasQuoted = false
    }

    mutating func finish() -> CSVRecord {
        endField(next: fieldStart)
        var text = excerpt
        while let last = text.last, last == Byte.lineFeed || last == Byte.carriageReturn {
            text.removeLast()
        }
        return CSVRecord(
            cells: cells, start: start, problem: problem,
            excerpt: String(decoding: text, as: UTF8.self))
    }

    mutating func finishAtEnd() -> CSVRecord {
        if let openQuote, problem == nil {
            problem = (
                openQuote,
                "the quoted field that starts here is never closed; the rest of the file was "
                    + "read as part of it"
            )
        }
        return finish()
    }

    func tooLong(_ limit: Int) -> CSVRecord {
        let reason =
            "the row is longer than \(limit) bytes or \(CSVRecordReader.maxCells) fields "
            + "(inbox.max_row_size); it was skipped up to the next line end"
        return CSVRecord(
            cells: [], start: start, problem: (start, reason),
            excerpt: String(decoding: excerpt, as: UTF8.self))
    }
}
