// The fast path for plain wide-CSV lines reads every line as the general reader does.
import Testing

@testable import BranchWatch

@Suite struct PlainWideRowsTests {
    static let header = "timestamp,branch,sales,Net Sales,manager,region\n"
    /// Row 2 has a number in every metric column, so no column is read as labels whether
    /// one row or all of them are read ahead.
    static let lines = [
        "2024-03-01T00:00:00Z,B01,12.5,3,7,1",
        "2024-03-01T00:00:00Z, B02 , 1 ,-4 , N/A ,",
        "2024-03-01T00:00:00Z,B03,1,234.5,2,1",
        "2024-03-01T00:00:00Z,B04,92.5%,(12),$3,1e3",
        "2024-03-01T00:00:00Z,B05,abc,1,2,3",
        "2024-03-01T00:00:00Z,,1,2,3,4",
        "  ,  ,,,,",
        "",
        "2024-02-30,B06,1,2,3,4",
        "2024-03-01,B07,1,2",
        "2024-03-01,B08,1,2,3,4,,",
        "2024-03-01,B09,1,2,3,4,x",
        "2024-03-01,Bé,1,2,3,4",
        "2024-03-01,B10,5.,.5,-,--",
        "1709251200,B11,1,2,3,4",
        "2024-03-01 08:00:00,B12,\t1,2,3,4",
    ]

    static func parse(_ text: String, batchRows: Int = 50_000) throws -> ParsedDrop {
        var settings = IngestSettings()
        settings.batchRows = batchRows
        return try DropParser.parse(Array(text.utf8), file: "d.csv", settings: settings)
    }

    @Test func plainLinesGiveWhatQuotedLinesGive() throws {
        let plain = try Self.parse(Self.header + Self.lines.joined(separator: "\n") + "\n")
        let quoted = try Self.parse(
            Self.header
                + Self.lines.map(PlainLongRowsTests.quotedEverywhere).joined(separator: "\r\n"))
        #expect(plain.samples == quoted.samples)
        #expect(plain.missing == quoted.missing)
        #expect(plain.problems.map(\.line) == quoted.problems.map(\.line))
        #expect(plain.problems.map(\.reason) == quoted.problems.map(\.reason))
        #expect(plain.samples.contains { $0.branch == "B10" && $0.metric == "net_sales" })
    }

    // With one row read ahead the lines after it are offered to the fast path as they are
    // read; with all of them read ahead they are kept as bytes first. Either way a line
    // the fast path leaves gives the same problems, at the same columns.
    @Test func linesReadAheadGiveWhatLinesReadLaterGive() throws {
        let text = Self.header + Self.lines.joined(separator: "\n") + "\n"
        let ahead = try Self.parse(text)
        for batchRows in [1, 3] {
            let later = try Self.parse(text, batchRows: batchRows)
            #expect(ahead.samples == later.samples)
            #expect(ahead.missing == later.missing)
            #expect(ahead.problems == later.problems)
        }
        #expect(ahead.problems.map(\.column) == [26, 22, 1, 1, 24])
        #expect(ahead.problems.map(\.line) == [6, 7, 10, 11, 13])
    }

    @Test func textColumnsAndLabelsMatchTheGeneralReader() throws {
        let rows = [
            "2024-03-01,B01,1,2,Ann,north", "2024-03-01,B02,3,,Bob,",
            "2024-03-01,B03,5,6,-,south",
        ]
        var settings = IngestSettings()
        settings.labelColumns = ["region"]
        let plain = try DropParser.parse(
            Array((Self.header + rows.joined(separator: "\n")).utf8), file: "d.csv",
            settings: settings)
        let quoted = try DropParser.parse(
            Array(
                (Self.header
                    + rows.map(PlainLongRowsTests.quotedEverywhere).joined(
                        separator: "\n")).utf8), file: "d.csv", settings: settings)
        #expect(plain.samples == quoted.samples)
        #expect(plain.missing == quoted.missing)
        #expect(plain.samples.first?.labels == ["manager": "Ann", "region": "north"])
        #expect(plain.samples.map(\.metric).first == "sales")
        #expect(plain.samples.count == 5)
    }
}
