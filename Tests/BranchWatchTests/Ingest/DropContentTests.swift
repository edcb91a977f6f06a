// Files that are not comma-separated text in the declared encoding, and what they are called.
import BranchWatch
import Testing

@Suite struct DropContentTests {
    static func reason(_ bytes: [UInt8], encoding: DropEncoding = .auto) -> String {
        var settings = IngestSettings()
        settings.encoding = encoding
        do {
            _ = try DropParser.parse(bytes, file: "f", settings: settings)
            return "parsed"
        } catch {
            return error.description
        }
    }

    static let csv = Array("timestamp,branch,metric,value\n2024-03-01,B1,sales,1\n".utf8)

    @Test func compressedUTF16AndBinaryFilesAreNamedForWhatTheyAre() {
        #expect(Self.reason([0x1F, 0x8B, 8, 0, 0, 0]).contains("a gzip-compressed file"))
        #expect(Self.reason(Array("PK\u{3}\u{4}xl/".utf8)).contains("a zip archive"))
        let utf16: [UInt8] = Self.csv.flatMap { byte -> [UInt8] in [byte, 0] }
        #expect(Self.reason([0xFF, 0xFE] + utf16).contains("UTF-16 text (it starts with"))
        #expect(Self.reason(utf16).contains("UTF-16 text without a byte order mark"))
        let binary: [UInt8] = Self.csv + (0..<20).map { UInt8($0 % 4) }
        #expect(Self.reason(binary).contains("a binary file (a NUL byte at offset 52)"))
        #expect(Self.reason(Self.csv + [0]) == "parsed", "one stray NUL costs a row at most")
        #expect(!Self.reason([0x1F, 0x8B, 8, 0]).contains("GB18030"))
    }

    @Test func aUTF8FileInAGBKInboxIsCalledUTF8() {
        let chinese = Array("日期,网点,metric,value\n".utf8)
        #expect(
            Self.reason(chinese, encoding: .gbk).hasPrefix(
                "f:1:1: inbox.encoding is gbk but the file looks like UTF-8 (its non-ASCII"))
        #expect(
            Self.reason([0xEF, 0xBB, 0xBF] + Self.csv, encoding: .gb18030).contains(
                "(it starts with a UTF-8 byte order mark)"))
        #expect(Self.reason(Self.csv, encoding: .gbk) == "parsed", "plain ASCII is both")
    }

    @Test func semicolonAndTabSeparatedHeadersSaySo() {
        #expect(
            Self.reason(Array("timestamp;branch;metric;value\n2024-03-01;B1;sales;1\n".utf8))
                == "f:1:1: the header looks separated by ';', not commas; export the file as "
                + "comma-separated CSV")
        #expect(
            Self.reason(Array("timestamp\tbranch\tsales\n".utf8)).contains("separated by tabs"))
    }
}
