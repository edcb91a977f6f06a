// The first pass over a drop file: its digest, and whether it is UTF-8 text.

/// What one read of a drop file's bytes tells before it is parsed.
public struct DropScan: Sendable {
    /// Lowercase hex SHA-256 of the file's bytes: the key of the applied-files ledger.
    public var digest: String
    public var byteCount: Int
    /// False when some byte sequence is not UTF-8 (checked only when asked for).
    public var isUTF8: Bool

    /// Reads `chunks` once; checks UTF-8 with iconv when `checkUTF8` is set.
    static func scan(_ chunks: ByteChunks, checkUTF8: Bool) throws(SystemError) -> DropScan {
        var chunks = chunks
        let digest = SHA256Stream()
        // UTF-8 to UTF-8 is known to every iconv; the conversion is how validity is checked.
        let checker = checkUTF8 ? try? TextConverter(from: "UTF-8") : nil
        var count = 0
        var isUTF8 = true
        while let chunk = try chunks.next() {
            digest.update(chunk)
            count += chunk.count
            if isUTF8, let checker {
                _ = checker.convert(chunk, isFinal: false)
                isUTF8 = checker.invalidBytes == 0
            }
        }
        if isUTF8, let checker {
            _ = checker.convert([], isFinal: true)
            isUTF8 = checker.invalidBytes == 0
        }
        return DropScan(digest: digest.finish(), byteCount: count, isUTF8: isUTF8)
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
