// The first pass over a drop file: its digest, and whether it is UTF-8 text.

/// What one read of a drop file's bytes tells before it is parsed.
public struct DropScan: Sendable {
    /// Lowercase hex SHA-256 of the file's bytes: the key of the applied-files ledger.
    public var digest: String
    public var byteCount: Int
    /// False when some byte sequence is not UTF-8.
    public var isUTF8: Bool
    /// Some byte is outside ASCII.
    public var hasNonASCII = false
    /// The first bytes of the file, to tell what it is.
    var prefix: [UInt8] = []

    /// Reads `chunks` once, digesting the bytes and checking that they are UTF-8 (see
    /// `UTF8Check`); `checkUTF8` is kept for callers and no longer changes anything, as
    /// every encoding's messages need the answer.
    static func scan(_ chunks: ByteChunks, checkUTF8: Bool = true) throws(SystemError)
        -> DropScan
    {
        var prefix: [UInt8] = []
        let digest = SHA256Stream()
        var text = UTF8Check()
        var count = 0
        try chunks.forEachChunk { chunk in
            digest.update(chunk)
            count += chunk.count
            if prefix.count < ContentSniffer.prefixBytes {
                prefix += chunk.prefix(ContentSniffer.prefixBytes - prefix.count)
            }
            text.check(chunk)
        }
        return DropScan(
            digest: digest.finish(), byteCount: count, isUTF8: text.isValidAtEnd(),
            hasNonASCII: text.hasNonASCII, prefix: prefix)
    }

    /// Refuses a file that is not text, or that is UTF-8 while the inbox declares GBK, with
    /// what it looks like and what to do.
    func checkText(file: String, declared: DropEncoding) throws(DropFileError) {
        if let what = ContentSniffer.nonText(prefix) {
            throw .notText(file: file, what: what)
        }
        if let why = ContentSniffer.utf8Instead(
            of: declared, prefix: prefix, isUTF8: isUTF8, hasNonASCII: hasNonASCII)
        {
            throw .looksLikeUTF8(file: file, declared: declared.rawValue, why: why)
        }
    }

    /// True when the file is read as UTF-8 and this scan found its bytes valid UTF-8, so
    /// they can be taken as they are, without a pass through iconv.
    func provesUTF8(_ declared: DropEncoding) -> Bool {
        (declared == .auto || declared == .utf8) && isUTF8
    }

    /// The iconv name to read the file with: the declared encoding, or for `auto`,
    /// UTF-8 when the file is valid UTF-8 and GB18030 (a superset of GBK) when not.
    func encodingName(_ declared: DropEncoding) -> String {
        guard declared == .auto else { return declared.iconvName }
        return isUTF8 ? "UTF-8" : DropEncoding.gb18030.iconvName
    }
}

extension ByteChunks {
    /// The least a file is read in at a time by the scan: digesting and checking cost
    /// little per byte, so larger reads mean fewer system calls and calls into libcrypto.
    static let scanChunkBytes = 1 << 20

    /// Hands `body` all the bytes in order, in chunks it reads in place: a file through
    /// one reused buffer, bytes in memory as pieces of the array of the chunk size given
    /// (which tests set small, to cut sequences at chunk edges).
    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Void) throws(SystemError) {
        switch self {
        case .file(let file, let size):
            let buffer = UnsafeMutableRawBufferPointer.allocate(
                byteCount: max(size, ByteChunks.scanChunkBytes), alignment: 16)
            defer { buffer.deallocate() }
            while case let got = try file.read(into: buffer), got > 0 {
                body(UnsafeRawBufferPointer(rebasing: buffer[..<got]))
            }
        case .memory(let bytes, let offset, let size):
            bytes.withUnsafeBytes { all in
                for start in stride(from: offset, to: all.count, by: max(1, size)) {
                    let end = min(all.count, start + max(1, size))
                    body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                }
            }
        }
    }
}
