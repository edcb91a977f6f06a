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

    /// Reads `chunks` once and checks UTF-8 with iconv; `checkUTF8` is kept for callers
    /// and no longer changes anything, as every encoding's messages need the answer.
    static func scan(_ chunks: ByteChunks, checkUTF8: Bool = true) throws(SystemError)
        -> DropScan
    {
        var chunks = chunks
        var prefix: [UInt8] = []
        var hasNonASCII = false
        let digest = SHA256Stream()
        // UTF-8 to UTF-8 is known to every iconv; the conversion is how validity is checked.
        let checker = try? TextConverter(from: "UTF-8")
        var count = 0
        var isUTF8 = true
        while let chunk = try chunks.next() {
            digest.update(chunk)
            count += chunk.count
            if prefix.count < ContentSniffer.prefixBytes {
                prefix += chunk.prefix(ContentSniffer.prefixBytes - prefix.count)
            }
            if !hasNonASCII { hasNonASCII = chunk.contains { $0 >= 0x80 } }
            if isUTF8, let checker {
                _ = checker.convert(chunk, isFinal: false)
                isUTF8 = checker.invalidBytes == 0
            }
        }
        if isUTF8, let checker {
            _ = checker.convert([], isFinal: true)
            isUTF8 = checker.invalidBytes == 0
        }
        return DropScan(
            digest: digest.finish(), byteCount: count, isUTF8: isUTF8, hasNonASCII: hasNonASCII,
            prefix: prefix)
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

    /// True when this scan checked the bytes and found them valid UTF-8.
    func provesUTF8(_ declared: DropEncoding) -> Bool {
        declared == .auto && isUTF8
    }

    /// The iconv name to read the file with: the declared encoding, or for `auto`,
    /// UTF-8 when the file is valid UTF-8 and GB18030 (a superset of GBK) when not.
    func encodingName(_ declared: DropEncoding) -> String {
        guard declared == .auto else { return declared.iconvName }
        return isUTF8 ? "UTF-8" : DropEncoding.gb18030.iconvName
    }
}
