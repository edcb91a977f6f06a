// Splits decoded text into lines of bounded length, for JSON Lines drops.
import Glibc

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

    /// Offers the next line, if the buffer holds all of it up to its line feed and it is
    /// not too long, to `read` (without the line end, and with its number) in place; the
    /// line is consumed only when `read` gives a result. Nil leaves the line to `next()`.
    mutating func nextLine<T>(
        _ read: (UnsafeBufferPointer<UInt8>, Int) -> T?
    ) throws(SystemError) -> T? {
        guard try fill() else { return nil }
        let lineNumber = number + 1
        let found: (T, Int)? = buffer.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress,
                let feed = memchr(base + index, Int32(Byte.lineFeed), all.count - index)
            else { return nil }
            let end = base.distance(to: feed.assumingMemoryBound(to: UInt8.self))
            // `next()` counts a CR before the LF in the length, then drops it.
            guard end - index <= maxBytes else { return nil }
            var last = end
            if last > index && all[last - 1] == Byte.carriageReturn { last -= 1 }
            return read(UnsafeBufferPointer(rebasing: all[index..<last]), lineNumber)
                .map { ($0, end + 1) }
        }
        guard let (result, next) = found else { return nil }
        index = next
        number = lineNumber
        return result
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
