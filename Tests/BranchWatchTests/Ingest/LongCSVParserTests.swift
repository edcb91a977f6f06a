// Reading long CSV drops: what is accepted, and where a bad row is reported.
import BranchWatch
import Testing

@Suite struct LongCSVParserTests {
    func parse(_ text: String) throws -> ParsedDrop {
        try LongCSVParser.parse(Array(text.utf8), file: "drop.csv")
    }

    @Test func readsRowsWhateverTheColumnOrderBOMAndLineEndings() throws {
        let text =
            "\u{FEFF}branch,value,metric,timestamp\r\n"
            + "B01,12.5,sales,2024-03-01T00:00:00Z\r\n"
            + "\"B 02, north\",7,sales,1709251200\r\n"
        let drop = try parse(text)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.branch) == ["B01", "B 02, north"])
        #expect(drop.samples.map(\.value) == [12.5, 7])
        // 2024-03-01T00:00:00Z is epoch 1709251200.
        #expect(drop.samples.map(\.timestamp) == [1_709_251_200, 1_709_251_200])
        #expect(drop.samples.map(\.line) == [2, 3])
    }

    @Test func badRowsAreReportedWithLineAndColumnAndTheRestStillApply() throws {
        let text = """
            timestamp,branch,metric,value
            2024-03-01T00:00:00Z,B01,sales,10
            2024-13-01T00:00:00Z,B01,sales,11
            2024-03-03T00:00:00Z,B01,sales,eleven
            2024-03-04T00:00:00Z,,sales,12
            2024-03-05T00:00:00Z,B01

            2024-03-06T00:00:00Z,B01,sales,13
            """
        let drop = try parse(text)
        #expect(drop.samples.map(\.value) == [10, 13])
        #expect(
            drop.problems.map(\.description) == [
                "drop.csv:3:1: \"2024-13-01T00:00:00Z\" is not a timestamp "
                    + "(use 2024-03-01, ISO-8601 or epoch seconds)",
                "drop.csv:4:32: \"eleven\" is not a number",
                "drop.csv:5:22: empty branch",
                "drop.csv:6:1: expected at least 4 fields, found 2",
            ])
    }

    @Test func missingColumnRejectsTheWholeFile() throws {
        #expect(throws: DropFileError.self) {
            try parse("timestamp,branch,value\n2024-03-01,B01,3\n")
        }
    }

    @Test func bytesThatAreNotUTF8InAFileDeclaredUTF8MakeTheirRowAProblem() throws {
        var settings = IngestSettings()
        settings.encoding = .utf8
        let bytes: [UInt8] =
            Array("timestamp,branch,metric,value\n2024-03-01T00:00:00Z,B".utf8) + [0xC4, 0xE3]
            + Array(",sales,1\n2024-03-02T00:00:00Z,B02,sales,2\n".utf8)
        let drop = try DropParser.parse(bytes, file: "drop.csv", settings: settings)
        #expect(drop.samples.map(\.value) == [2])
        #expect(drop.problems.map(\.line) == [2])
        #expect(drop.problems.first?.column == 22)
    }
}
