// The fast path for plain long-CSV lines reads every line as the general reader does.
import Testing

@testable import BranchWatch

@Suite struct PlainLongRowsTests {
    /// Quoting every field sends each line through the general CSV reader, which gives the
    /// same fields; so both texts must give the same samples, lines and problems.
    static func quotedEverywhere(_ line: String) -> String {
        line.split(separator: ",", omittingEmptySubsequences: false)
            .map { "\"\($0)\"" }.joined(separator: ",")
    }

    static let lines = [
        "2024-03-01T00:00:00Z,B01,sales,12.5",
        "2024-03-01T00:00:00Z,B01,loan_applications_total,-3",
        "2024-03-01T00:00:00Z, B02 , sales ,+7 ",
        "2024-03-01T00:00:00Z,B03,sales,1,234.5",
        "2024-03-01T00:00:00Z,B04,sales,92.5%",
        "2024-03-01T00:00:00Z,B05,sales,N/A",
        "2024-03-01T00:00:00Z,B06,sales,",
        "2024-03-01T00:00:00Z,B07,sales,abc",
        "2024-03-01T00:00:00Z,,sales,1",
        "2024-03-01T00:00:00Z,B08,,1",
        "2024-03-01T00:00:00Z,B09",
        "2024-02-30,B10,sales,1",
        "2024-03-01 08:00:00,B11,sales,0.1",
        "1709251200,B12,sales,1e3",
        "2024-03-02,B13,sales,5.",
        "2024-03-02,B14,sales,.5",
        "2024-03-02,B15,sales,12345678901234567890.5",
        "2024-03-02,B16,sales,007,extra,fields",
    ]

    @Test func plainLinesGiveWhatQuotedLinesGive() throws {
        let header = "timestamp,branch,metric,value\n"
        let plain = try DropParser.parse(
            Array((header + Self.lines.joined(separator: "\n") + "\n").utf8), file: "d.csv")
        let quoted = try DropParser.parse(
            Array(
                (header + Self.lines.map(Self.quotedEverywhere).joined(separator: "\r\n"))
                    .utf8), file: "d.csv")
        #expect(plain.samples == quoted.samples)
        #expect(plain.missing == quoted.missing)
        #expect(plain.problems.map(\.line) == quoted.problems.map(\.line))
        #expect(plain.problems.map(\.reason) == quoted.problems.map(\.reason))
        // B03's unquoted "1,234.5" and B16's extra fields are row problems, not samples.
        #expect(plain.samples.count == 9)
        #expect(plain.samples.map(\.value).contains(7))
    }

    @Test func labelsAndLongRowsMatchTheGeneralReader() throws {
        let header = "timestamp,branch,metric,value,region\n"
        let rows = [
            "2024-03-01,B01,sales,1,north", "2024-03-01,B02,sales,2,",
            "2024-03-01,B03,sales,3," + String(repeating: "x", count: 300),
        ]
        var settings = IngestSettings()
        settings.maxRowBytes = 200
        let plain = try DropParser.parse(
            Array((header + rows.joined(separator: "\n")).utf8), file: "d.csv",
            settings: settings)
        let quoted = try DropParser.parse(
            Array((header + rows.map(Self.quotedEverywhere).joined(separator: "\n")).utf8),
            file: "d.csv", settings: settings)
        #expect(plain.samples == quoted.samples)
        #expect(plain.samples.map(\.labels) == [["region": "north"], [:]])
        #expect(plain.problems.map(\.line) == [4])
        #expect(quoted.problems.map(\.line) == [4])
    }

    // Line 4 is quoted and line 6 has no number, so the general reader takes them, in the
    // middle of a batch and at its end; each row counts once towards batch_rows.
    @Test func batchesHoldBatchRowsRowsWhicheverReaderTookThem() throws {
        let rows = (2...9).map { line in
            switch line {
            case 4: return Self.quotedEverywhere("2024-03-01,B4,sales,4")
            case 6: return "2024-03-01,B6,sales,abc"
            default: return "2024-03-01,B\(line),sales,\(line)"
            }
        }
        let text = "timestamp,branch,metric,value\n" + rows.joined(separator: "\n") + "\n"
        var settings = IngestSettings()
        settings.batchRows = 3
        let reader = try DropReader(
            .memory(Array(text.utf8), offset: 0, chunkSize: settings.readChunkBytes),
            file: "d.csv", encoding: "UTF-8", settings: settings)
        var sizes: [Int] = []
        var lines: [Int] = []
        var problems: [Int] = []
        while let batch = try reader.nextBatch() {
            sizes.append(batch.samples.count + batch.problems.count)
            lines += batch.samples.map(\.line)
            problems += batch.problems.map(\.line)
        }
        #expect(sizes == [3, 3, 2])
        #expect(lines == [2, 3, 4, 5, 7, 8, 9])
        #expect(problems == [6])
    }
}
