// Tells from a drop's first bytes that it is not text at all, or not in the declared encoding.

/// What a file's first bytes show it to be, when that is not delimited text.
enum ContentSniffer {
    /// How many leading bytes are looked at.
    static let prefixBytes = 4096

    /// What the file is, when it is plainly not a text export (compressed, UTF-16,
    /// binary); nil when it may be text.
    static func nonText(_ prefix: [UInt8]) -> String? {
        if prefix.starts(with: [0x1F, 0x8B]) { return "a gzip-compressed file; unpack it first" }
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "a zip archive (or an .xlsx workbook); unpack it, or save the sheet as CSV"
        }
        if prefix.starts(with: [0xFF, 0xFE]) || prefix.starts(with: [0xFE, 0xFF]) {
            return "UTF-16 text (it starts with a UTF-16 byte order mark); export it as UTF-8"
        }
        guard let zero = prefix.firstIndex(of: 0) else { return nil }
        // ASCII in UTF-16 puts a NUL beside every letter.
        let zeros = prefix.filter { $0 == 0 }.count
        if zeros * 3 >= prefix.count {
            return "UTF-16 text without a byte order mark (NUL bytes between letters); "
                + "export it as UTF-8"
        }
        // A stray control byte costs its row only; a file full of them is not text.
        let controls = prefix.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0D].contains($0) }.count
        guard controls * 10 >= prefix.count else { return nil }
        return "a binary file (a NUL byte at offset \(zero)); drop CSV or JSON Lines text"
    }

    /// Why a file declared as `declared` looks like UTF-8 instead; nil when it does not.
    static func utf8Instead(
        of declared: DropEncoding, prefix: [UInt8], isUTF8: Bool, hasNonASCII: Bool
    ) -> String? {
        guard declared == .gbk || declared == .gb18030 else { return nil }
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
            return "it starts with a UTF-8 byte order mark"
        }
        guard isUTF8 && hasNonASCII else { return nil }
        return "its non-ASCII bytes are all valid UTF-8"
    }
}
