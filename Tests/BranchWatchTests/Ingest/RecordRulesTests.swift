// Rows the CSV rules refuse through the public entry points: extra fields, stray quotes.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct RecordRulesTests {
    static func parse(_ text: String, settings: IngestSettings = IngestSettings()) throws
        -> ParsedDrop
    {
        try DropParser.parse(Array(text.utf8), file: "drop.csv", settings: settings)
    }

    @Test func anUnquotedThousandsSeparatorIsARowProblemNotATruncatedValue() throws {
        let drop = try Self.parse(
            "date,branch,metric,value\n2024-03-01,u1,sales,1,234.50\n"
                + "2024-03-01,u2,sales,\"1,234.50\"\n2024-03-01,u3,sales,7,,\n")
        #expect(drop.samples.map(\.branch) == ["u2", "u3"], "trailing empty fields are allowed")
        #expect(drop.samples.map(\.value) == [1234.5, 7])
        #expect(
            drop.problems.map(\.description) == [
                "drop.csv:2:23: more fields than the header (5 for 4): quote numbers with "
                    + "commas, like \"1,234.50\""
            ])
    }

    @Test func extraFieldsAreRefusedInEveryBatchSizeAndInWideFiles() throws {
        var settings = IngestSettings()
        settings.batchRows = 1
        let drop = try Self.parse(
            "date,branch,sales\n2024-03-01,u1,1,5\n2024-03-02,u1,2\n", settings: settings)
        #expect(drop.samples.map(\.value) == [2])
        #expect(drop.problems.map(\.column) == [17])
    }

    /// 1000 rows with a stray opening quote on row 4: only that row is lost.
    static func strayQuoteFile() -> String {
        var text = "date,branch,metric,value,street\n"
        for row in 1...1000 {
            let street = row == 4 ? "\"Main St" : "Elm St"
            text += "2024-03-01T00:00:00Z,B\(row),sales,\(row),\(street)\n"
        }
        return text
    }

    @Test func aStrayOpeningQuoteCostsItsRowOnly() throws {
        let drop = try Self.parse(Self.strayQuoteFile())
        #expect(drop.samples.count == 999)
        #expect(!drop.samples.contains { $0.branch == "B4" })
        #expect(drop.samples.first { $0.branch == "B5" }?.line == 6)
        #expect(drop.samples.first { $0.branch == "B5" }?.labels == ["street": "Elm St"])
        #expect(drop.problems.map(\.line) == [5])
        #expect(drop.problems.first?.column == 33)
        #expect(drop.problems.first?.reason.hasPrefix("the quote that opens this field") == true)
    }

    @Test func aStrayQuoteOnTheLastLineAndLegitimateLineBreaksStillRead() throws {
        let drop = try Self.parse(
            "date,branch,metric,value,note\n"
                + "2024-03-01,B1,sales,1,\"two\nlines\"\n"
                + "2024-03-01,B2,sales,2,\"open\n2024-03-01,B3,sales,3,x")
        #expect(drop.samples.map(\.branch) == ["B1", "B3"])
        #expect(drop.samples.first?.labels == ["note": "two\nlines"])
        #expect(drop.problems.map { "\($0.line):\($0.column)" } == ["4:23"])
    }
}
