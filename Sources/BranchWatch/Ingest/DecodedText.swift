// A drop file's text as UTF-8 chunks, decoded from its encoding as it is read.

/// Raw bytes in chunks: from a file as it is read, or from memory.
enum ByteChunks {
    case file(ChunkedFile, chunkSize: Int)
    case memory([UInt8], offset: Int, chunkSize: Int)

    /// The next chunk, or nil at the end.
    mutating func next() throws(SystemError) -> [UInt8]? {
        switch self {
        case .file(let file, let size):
            return try file.read(upTo: size)
        case .memory(let bytes, let offset, let size):
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + size)
            self = .memory(bytes, offset: end, chunkSize: size)
            return Array(bytes[offset..<end])
        }
    }
}

/// UTF-8 text in chunks, without a leading byte order mark; unreadable bytes are U+FFFD.
final class DecodedText {
    private var raw: ByteChunks
    private let converter: TextConverter
    private var isAtStart = true
    private var isFinished = false
    private var unread: [UInt8]?
    /// Set when the bytes are known to be valid UTF-8, so decoding them would copy them.
    private let isKnownUTF8: Bool

    /// Decodes `raw` from `encoding`; `isKnownUTF8` says an earlier pass found the bytes
    /// to be valid UTF-8 (with the same converter), so they are taken as they are.
    init(_ raw: ByteChunks, encoding: String, isKnownUTF8: Bool = false) throws(DropFileError) {
        self.raw = raw
        converter = try TextConverter(from: encoding)
        self.isKnownUTF8 = isKnownUTF8 && encoding == "UTF-8"
    }

    /// How many bytes so far the encoding could not read.
    var invalidBytes: Int { converter.invalidBytes }

    /// The next chunk of text (possibly empty), or nil at the end.
    func next() throws(SystemError) -> [UInt8]? {
        if let chunk = unread {
            unread = nil
            return chunk
        }
        guard !isFinished else { return nil }
        var text: [UInt8]
        if var chunk = try raw.next() {
            // Taken as they are, the first chunks must hold a whole byte order mark to be
            // recognised, as iconv's output would; read on until they do.
            while isKnownUTF8 && isAtStart && chunk.count < 3, let more = try raw.next() {
                chunk += more
            }
            text = isKnownUTF8 ? chunk : converter.convert(chunk, isFinal: false)
        } else {
            isFinished = true
            text = converter.convert([], isFinal: true)
        }
        if isAtStart && !text.isEmpty {
            isAtStart = false
            // Windows tools start UTF-8 with a byte order mark; iconv keeps it as U+FEFF.
            if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        }
        return text
    }

    /// The first byte of the first chunk that is not a space or line end (nil when that
    /// chunk is blank), leaving the chunk to be read again.
    func firstSignificantByte() throws(SystemError) -> UInt8? {
        var chunk: [UInt8] = []
        while chunk.isEmpty {
            guard let next = try next() else { return nil }
            chunk = next
        }
        unread = chunk
        return chunk.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }
}
