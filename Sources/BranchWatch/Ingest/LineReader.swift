// Splits decoded text into lines of bounded length, for JSON Lines drops.

/// One line of text, without its line end, and its 1-based number.
struct TextLine {
    var bytes: [UInt8]
    var number: Int
    /// The line was longer than the limit; `bytes` holds only its start.
    var isTooLong: Bool
}

/// Reads lines ending in LF or CRLF; a line longer than `maxBytes` is cut short and
/// marked, and the rest of it is skipped without being kept.
struct LineReader {
    private let text: DecodedText
    private let maxBytes: Int
    private var buffer: [UInt8] = []
    private var index = 0
    private var number = 0

    init(text: DecodedText, maxBytes: Int) {
        self.text = text
        self.maxBytes = maxBytes
    }

    mutating func next() throws(SystemError) -> TextLine? {
        guard try fill() else { return nil }
        number += 1
        var line = TextLine(bytes: [], number: number, isTooLong: false)
        while try fill() {
            let rest = buffer[index...]
            let end = rest.firstIndex(of: Byte.lineFeed)
            let piece = rest[..<(end ?? buffer.endIndex)]
            if !line.isTooLong {
                line.bytes += piece.prefix(maxBytes - line.bytes.count + 1)
                if line.bytes.count > maxBytes {
                    line.isTooLong = true
                    line.bytes = Array(line.bytes.prefix(CSVRecordReader.excerptBytes))
                }
            }
            guard let end else {
                index = buffer.endIndex
                continue
            }
            index = end + 1
            break
        }
        if line.bytes.last == Byte.carriageReturn { line.bytes.removeLast() }
        return line
    }

    /// True when there is unread text, reading another chunk if needed.
    private mutating func fill() throws(SystemError) -> Bool {
        while index >= buffer.count {
            guard let chunk = try text.next() else { return false }
            buffer = chunk
            index = 0
        }
        return true
    }
}
