// Encodings: GB18030 and GBK declared or detected, BOMs, and sequences cut by chunk edges.
import BranchWatch
import Testing

@Suite struct DropEncodingTests {
    /// `日期,网点编号,销售额,投诉数,区域` and one row with a four-byte GB18030 character (𠮷),
    /// a quoted thousands value and a full-width digit, CRLF; from gb18030_bytes.py.
    static let gb18030: [UInt8] = [
        0xC8, 0xD5, 0xC6, 0xDA, 0x2C, 0xCD, 0xF8, 0xB5, 0xE3, 0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xCF,
        0xFA, 0xCA, 0xDB, 0xB6, 0xEE, 0x2C, 0xCD, 0xB6, 0xCB, 0xDF, 0xCA, 0xFD, 0x2C, 0xC7, 0xF8,
        0xD3, 0xF2, 0x0D, 0x0A, 0x32, 0x30, 0x32, 0x34, 0x2D, 0x30, 0x33, 0x2D, 0x30, 0x31, 0x54,
        0x30, 0x38, 0x3A, 0x30, 0x30, 0x3A, 0x30, 0x30, 0x2B, 0x30, 0x38, 0x3A, 0x30, 0x30, 0x2C,
        0x53, 0x48, 0x2D, 0x95, 0x34, 0xB2, 0x35, 0x30, 0x31, 0x2C, 0x22, 0x31, 0x2C, 0x32, 0x33,
        0x34, 0x2E, 0x35, 0x30, 0x22, 0x2C, 0xA3, 0xB2, 0x2C, 0xBB, 0xAA, 0xB6, 0xAB, 0x0D, 0x0A,
    ]

    /// `日期,网点,销售额` and `2024-03-01T08:00:00+08:00,北京,88` in GBK.
    static let gbk: [UInt8] = [
        0xC8, 0xD5, 0xC6, 0xDA, 0x2C, 0xCD, 0xF8, 0xB5, 0xE3, 0x2C, 0xCF, 0xFA, 0xCA, 0xDB, 0xB6,
        0xEE, 0x0A, 0x32, 0x30, 0x32, 0x34, 0x2D, 0x30, 0x33, 0x2D, 0x30, 0x31, 0x54, 0x30, 0x38,
        0x3A, 0x30, 0x30, 0x3A, 0x30, 0x30, 0x2B, 0x30, 0x38, 0x3A, 0x30, 0x30, 0x2C, 0xB1, 0xB1,
        0xBE, 0xA9, 0x2C, 0x38, 0x38, 0x0A,
    ]

    static let march1: Int64 = 1_709_251_200

    static func settings(_ encoding: DropEncoding, chunk: Int = 1 << 16) -> IngestSettings {
        var settings = IngestSettings()
        settings.encoding = encoding
        settings.readChunkBytes = chunk
        settings.columns = [
            "日期": "timestamp", "网点编号": "branch", "网点": "branch", "销售额": "sales",
            "投诉数": "complaints", "区域": "region",
        ]
        settings.labelColumns = ["region"]
        return settings
    }

    // A chunk of one byte cuts every multi-byte character; iconv must carry the pieces over.
    @Test(arguments: [DropEncoding.gb18030, .auto], [1, 5, 1 << 16])
    func gb18030IsReadWhenDeclaredOrDetected(_ encoding: DropEncoding, _ chunk: Int) throws {
        let drop = try DropParser.parse(
            Self.gb18030, file: "网点.csv", settings: Self.settings(encoding, chunk: chunk))
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.branch) == ["SH-𠮷01", "SH-𠮷01"])
        #expect(drop.samples.map(\.metric) == ["sales", "complaints"])
        #expect(drop.samples.map(\.value) == [1234.5, 2])
        #expect(drop.samples.map(\.timestamp) == [Self.march1, Self.march1])
        #expect(drop.samples.first?.labels == ["region": "华东"])
    }

    @Test func gbkIsReadWhenDeclared() throws {
        let drop = try DropParser.parse(Self.gbk, file: "gbk.csv", settings: Self.settings(.gbk))
        #expect(drop.samples.map(\.branch) == ["北京"])
        #expect(drop.samples.map(\.value) == [88])
    }

    @Test func gb18030DeclaredAsUTF8IsRefusedWithAHintNotReadAsGarbage() throws {
        let error = #expect(throws: DropFileError.self) {
            try DropParser.parse(Self.gb18030, file: "x.csv", settings: Self.settings(.utf8))
        }
        #expect(
            error?.description
                == "x.csv:1:1: the header row cannot be read: bytes that are not valid UTF-8 "
                + "text; export the file as UTF-8, or set inbox.encoding")
    }

    @Test(arguments: [1, 2, 4, 1 << 16])
    func utf8WithBOMIsDetectedAsUTF8(_ chunk: Int) throws {
        let text = "\u{FEFF}日期,网点编号,销售额\n2024-03-01T08:00:00+08:00,广州-1,7\n"
        let drop = try DropParser.parse(
            Array(text.utf8), file: "u.csv", settings: Self.settings(.auto, chunk: chunk))
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.branch) == ["广州-1"])
        #expect(drop.samples.map(\.value) == [7])
    }

    // Each chunk size puts one edge before, inside or after the four bytes of 𠮷.
    @Test func aFourByteCharacterCutByAChunkEdgeIsStillUTF8() throws {
        let head = "timestamp,branch,metric,value\n2024-03-01T00:00:00Z,SH-"
        let bytes = Array((head + "𠮷01,sales,1\n").utf8)
        for chunk in [1, 2, 3] + Array(head.utf8.count...head.utf8.count + 4) {
            let drop = try DropParser.parse(
                bytes, file: "u.csv", settings: Self.settings(.auto, chunk: chunk))
            #expect(drop.problems.isEmpty, "chunk \(chunk)")
            #expect(drop.samples.map(\.branch) == ["SH-𠮷01"], "chunk \(chunk)")
        }
    }

    // The bad byte ends one chunk, or starts the next.
    @Test func anInvalidByteAtAChunkEdgeMakesTheFileNotUTF8() throws {
        var bytes = Array("timestamp,branch,metric,value\n".utf8)
        bytes += Array("2024-03-01T00:00:00Z,B".utf8) + [0xFF] + Array(",sales,1\n".utf8)
        bytes += Array("2024-03-01T00:00:00Z,B2,sales,2\n".utf8)
        let bad = try #require(bytes.firstIndex(of: 0xFF))
        for chunk in [bad, bad + 1] {
            let drop = try DropParser.parse(
                bytes, file: "x.csv", settings: Self.settings(.auto, chunk: chunk))
            #expect(drop.samples.map(\.value) == [2], "chunk \(chunk)")
            #expect(
                drop.problems.map(\.description) == [
                    "x.csv:2:22: bytes that are not valid GB18030 text; export the file as "
                        + "UTF-8, or set inbox.encoding"
                ], "chunk \(chunk)")
        }
    }

    @Test func aByteNoEncodingCanReadSpoilsOnlyItsRow() throws {
        var bytes = Array("timestamp,branch,metric,value\n".utf8)
        bytes += Array("2024-03-01T00:00:00Z,B".utf8) + [0xFF] + Array(",sales,1\n".utf8)
        bytes += Array("2024-03-01T00:00:00Z,B2,sales,2\n".utf8)
        // Not UTF-8, so auto reads GB18030, where 0xFF is not valid either.
        let drop = try DropParser.parse(bytes, file: "x.csv", settings: Self.settings(.auto))
        #expect(drop.samples.map(\.value) == [2])
        #expect(
            drop.problems.map(\.description) == [
                "x.csv:2:22: bytes that are not valid GB18030 text; export the file as UTF-8, "
                    + "or set inbox.encoding"
            ])
    }
}
