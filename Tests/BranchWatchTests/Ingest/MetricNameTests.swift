// Metric names from wide headers and long rows are spelled one way, so rules find them.
import BranchWatch
import Testing

@Suite struct MetricNameTests {
    static func parse(_ text: String, settings: IngestSettings = IngestSettings()) throws
        -> ParsedDrop
    {
        try DropParser.parse(Array(text.utf8), file: "drop.csv", settings: settings)
    }

    @Test func wideHeadersAreLowercasedWithInnerSpacesAsUnderscores() throws {
        let text = """
            Date,Branch,Sales, Net  Sales ,COMPLAINTS
            2024-03-01,B01,10,9,2
            """
        let drop = try Self.parse(text)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.metric) == ["sales", "net_sales", "complaints"])
        #expect(drop.samples.map(\.value) == [10, 9, 2])
    }

    @Test func longMetricValuesAreSpelledTheSameWayOnEitherReadingPath() throws {
        // Line 2 is plain ASCII (the fast path); line 3 has a quoted field (the general one).
        let text = """
            timestamp,branch,metric,value
            2024-03-01,B01,Sales,10
            2024-03-01,"B02",Net Sales,11
            2024-03-01,B03,sales,12
            """
        let drop = try Self.parse(text)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.metric) == ["sales", "net_sales", "sales"])
    }

    @Test func namesGivenInInboxColumnsAreKeptAsWritten() throws {
        var settings = IngestSettings()
        settings.columns = ["umsatz": "SalesEUR"]
        let drop = try Self.parse(
            "date,branch,Umsatz,Returns\n2024-03-01,B01,5,1\n", settings: settings)
        #expect(drop.samples.map(\.metric) == ["SalesEUR", "returns"])
    }

    @Test func twoHeadersThatMeanOneMetricAreRefused() throws {
        #expect(
            throws: DropFileError.duplicateColumn(
                file: "drop.csv", name: "sales", first: 3, second: 4)
        ) {
            try Self.parse("date,branch,Sales,sales\n2024-03-01,B01,5,1\n")
        }
    }

    @Test func jsonKeysNameMetricsLikeWideHeaders() throws {
        let text = #"{"timestamp": "2024-03-01", "branch": "B01", "Sales": 4}"# + "\n"
        let drop = try DropParser.parse(Array(text.utf8), file: "drop.jsonl")
        #expect(drop.samples.map(\.metric) == ["sales"])
    }
}
