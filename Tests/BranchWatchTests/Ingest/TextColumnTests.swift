// Wide columns of text become labels; a header with no rows under it is refused.
import BranchWatch
import Testing

@Suite struct TextColumnTests {
    static func parse(_ text: String) throws -> ParsedDrop {
        try DropParser.parse(Array(text.utf8), file: "wide.csv")
    }

    /// A label's text is kept as written, `-` included, as long drops keep theirs.
    @Test func aColumnOfNamesIsALabelAndItsCellsAreNotSkipped() throws {
        let text = """
            date,branch,manager,sales,city
            2024-03-01,B01,Ann Lee,10,Leeds
            2024-03-02,B01,-,12,Leeds
            """
        let drop = try Self.parse(text)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.metric) == ["sales", "sales"])
        #expect(drop.samples.map(\.value) == [10, 12])
        #expect(
            drop.samples.map(\.labels) == [
                ["manager": "Ann Lee", "city": "Leeds"], ["manager": "-", "city": "Leeds"],
            ])
    }

    @Test func aColumnWithOneNumberStaysAMetricAndItsTextIsReported() throws {
        let text = """
            date,branch,sales,complaints
            2024-03-01,B01,10,three
            2024-03-02,B01,12,4
            """
        let drop = try Self.parse(text)
        #expect(drop.samples.map(\.metric) == ["sales", "sales", "complaints"])
        #expect(drop.problems.map(\.line) == [2])
        #expect(drop.problems.map(\.column) == [19], "where \"three\" starts")
    }

    @Test func aFileWhoseOnlyMetricIsTextKeepsItAsAMetricToSayWhy() throws {
        let drop = try Self.parse("date,branch,sales\n2024-03-01,B01,ten\n")
        #expect(drop.samples.isEmpty)
        #expect(drop.problems.count == 1)
    }

    @Test(arguments: ["date,branch,sales\n", "date,branch,sales\r\n\r\n,,\n"])
    func aHeaderWithNoRowsIsRefusedSayingSo(text: String) throws {
        #expect(throws: DropFileError.noRows(file: "wide.csv")) { try Self.parse(text) }
        #expect(DropFileError.noRows(file: "wide.csv").description.contains("no rows"))
    }
}
