// Each drop format and layout, read from memory, with the values it must yield.
import BranchWatch
import Testing

@Suite struct DropParserTests {
    static func parse(
        _ text: String, file: String = "drop.csv", settings: IngestSettings = IngestSettings()
    ) throws -> ParsedDrop {
        try DropParser.parse(Array(text.utf8), file: file, settings: settings)
    }

    // 2024-03-01T00:00:00Z and 2024-03-02T00:00:00Z, from `date -u -d … +%s`.
    static let march1: Int64 = 1_709_251_200
    static let march2: Int64 = 1_709_337_600

    @Test func longCSVReadsAnyColumnOrderBOMAndCRLF() throws {
        let text =
            "\u{FEFF}branch,value,metric,timestamp\r\n"
            + "B01,12.5,sales,2024-03-01T00:00:00Z\r\n"
            + "\"B 02, north\",7,sales,1709251200\r\n"
        let drop = try Self.parse(text)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.branch) == ["B01", "B 02, north"])
        #expect(drop.samples.map(\.value) == [12.5, 7])
        #expect(drop.samples.map(\.timestamp) == [Self.march1, Self.march1])
        #expect(drop.samples.map(\.line) == [2, 3])
    }

    @Test func longCSVKeepsExtraColumnsAsLabels() throws {
        let text = """
            timestamp,branch,metric,value,region,channel
            2024-03-01T00:00:00Z,B01,sales,10,north,online
            2024-03-01T00:00:00Z,B02,sales,11,south,
            """
        let drop = try Self.parse(text)
        #expect(
            drop.samples.map(\.labels) == [
                ["region": "north", "channel": "online"], ["region": "south"],
            ])
    }

    @Test func wideCSVGivesOneSamplePerMetricColumn() throws {
        let text = """
            date,branch,sales,complaints,region
            2024-03-01T00:00:00Z,B01,1200.5,3,north
            2024-03-02T00:00:00Z,B01,N/A,0,north
            """
        var settings = IngestSettings()
        settings.labelColumns = ["region"]
        let drop = try Self.parse(text, settings: settings)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.metric) == ["sales", "complaints", "complaints"])
        #expect(drop.samples.map(\.value) == [1200.5, 3, 0])
        #expect(drop.samples.map(\.timestamp) == [Self.march1, Self.march1, Self.march2])
        #expect(drop.samples.allSatisfy { $0.labels == ["region": "north"] })
        #expect(drop.missing == 1, "N/A is skipped and counted, not read as zero")
    }

    @Test func chineseHeaderIsReadThroughTheInboxColumnNames() throws {
        let text = """
            日期,网点编号,销售额,投诉数,区域
            2024-03-01T08:00:00+08:00,SH-001,"1,234.50",２,华东
            2024-03-02T08:00:00+08:00,SH-001,-,5,华东
            """
        var settings = IngestSettings()
        settings.columns = [
            "日期": "timestamp", "网点编号": "branch", "销售额": "sales", "投诉数": "complaints",
            "区域": "region",
        ]
        settings.labelColumns = ["region"]
        let drop = try Self.parse(text, settings: settings)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.metric) == ["sales", "complaints", "complaints"])
        #expect(drop.samples.map(\.value) == [1234.5, 2, 5])
        #expect(drop.samples.map(\.timestamp) == [Self.march1, Self.march1, Self.march2])
        #expect(drop.samples.first?.labels == ["region": "华东"])
        #expect(drop.missing == 1)
    }

    @Test func jsonLinesReadsObjectsWithLabelsAndSkipsNulls() throws {
        let text = """
            {"timestamp": "2024-03-01T00:00:00Z", "branch": "B01", "metric": "sales", "value": 12.5, "labels": {"region": "north"}}
            {"timestamp": 1709337600, "branch": "B01", "metric": "sales", "value": "1,300", "channel": "app"}

            {"timestamp": "2024-03-02T00:00:00Z", "branch": "B02", "metric": "sales", "value": null}
            {"timestamp": "2024-03-02T00:00:00Z", "branch": "B03", "metric": "sales", "value": true}
            {"timestamp": "2024-03-02T00:00:00Z", "branch": "B03"
            ["not", "an", "object"]
            """
        let drop = try Self.parse(text, file: "drop.jsonl")
        #expect(drop.samples.map(\.value) == [12.5, 1300])
        #expect(drop.samples.map(\.timestamp) == [Self.march1, Self.march2])
        #expect(drop.samples.map(\.labels) == [["region": "north"], ["channel": "app"]])
        #expect(drop.samples.map(\.line) == [1, 2])
        #expect(drop.missing == 1)
        #expect(drop.problems.map(\.line) == [5, 6, 7])
        #expect(drop.problems.first?.description == "drop.jsonl:5:84: \"true\" is not a number")
    }

    @Test func jsonLinesIsRecognisedByItsFirstCharacterWhateverTheName() throws {
        let text = #"{"timestamp": "2024-03-01T00:00:00Z", "branch": "B1", "sales": 4}"#
        let drop = try Self.parse(text, file: "export.txt")
        #expect(drop.samples.map(\.metric) == ["sales"])
        #expect(drop.samples.map(\.value) == [4])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text =
            "timestamp,branch,metric,value,note\r\n"
            + "2024-03-01T00:00:00Z,B01,sales,1,\"line one\r\nline \"\"two\"\", end\"\r\n"
            + "2024-03-02T00:00:00Z,B01,sales,2,plain\r\n"
        let drop = try Self.parse(text)
        #expect(drop.problems.isEmpty)
        #expect(drop.samples.map(\.labels["note"]) == ["line one\r\nline \"two\", end", "plain"])
        #expect(drop.samples.map(\.line) == [2, 4], "the second row starts on line 4")
    }

    @Test func badRowsAreReportedWithLineAndColumnAndTheRestStillApply() throws {
        let text = """
            timestamp,branch,metric,value
            2024-03-01T00:00:00Z,B01,sales,10
            2024-13-01T00:00:00Z,B01,sales,11
            2024-03-03T00:00:00Z,B01,sales,eleven
            2024-03-04T00:00:00Z,,sales,12
            2024-03-05T00:00:00Z,B01

            2024-03-06T00:00:00Z,B01,sales,"13"x
            2024-03-07T00:00:00Z,B01,sales,14
            2024-03-08T00:00:00Z,B01,sales,"15
            """
        let drop = try Self.parse(text)
        #expect(drop.samples.map(\.value) == [10, 14])
        #expect(
            drop.problems.map(\.description) == [
                "drop.csv:3:1: \"2024-13-01T00:00:00Z\" is not a timestamp "
                    + "(use 2024-03-01, ISO-8601 or epoch seconds)",
                "drop.csv:4:32: \"eleven\" is not a number",
                "drop.csv:5:22: empty branch",
                "drop.csv:6:1: expected at least 4 fields, found 2",
                "drop.csv:8:36: text after the closing quote of a field; write a quote inside a "
                    + "quoted field as two quotes (\"\")",
                "drop.csv:10:32: the quoted field that starts here is never closed; the rest of "
                    + "the file was read as part of it",
            ])
        #expect(drop.problems[1].excerpt == "2024-03-03T00:00:00Z,B01,sales,eleven")
    }

    @Test func headerErrorsRejectTheWholeFile() throws {
        #expect(throws: DropFileError.self) {
            try Self.parse("timestamp,branch,value\n2024-03-01,B01,3\n")
        }
        #expect(throws: DropFileError.empty(file: "drop.csv")) { try Self.parse("\n\r\n,,\n") }
        // A JSON name does not make an empty file a drop with no rows.
        #expect(throws: DropFileError.empty(file: "a.jsonl")) {
            try Self.parse(" \n", file: "a.jsonl")
        }
        #expect(throws: DropFileError.noMetricColumns(file: "drop.csv", header: "date,branch")) {
            try Self.parse("date,branch\n2024-03-01,B1\n")
        }
        #expect(
            throws: DropFileError.duplicateColumn(
                file: "drop.csv", name: "timestamp", first: 1, second: 3)
        ) {
            try Self.parse("timestamp,branch,date,sales\n")
        }
    }

    @Test func ignoredColumnsAreNeitherMetricsNorLabels() throws {
        var settings = IngestSettings()
        settings.columns = ["备注": "ignore"]
        let drop = try Self.parse(
            "timestamp,branch,sales,备注\n2024-03-01T00:00:00Z,B1,5,hello\n", settings: settings)
        #expect(drop.samples.map(\.metric) == ["sales"])
        #expect(drop.samples.first?.labels == [:])
    }

    @Test func aRowOverTheSizeLimitIsSkippedAndReadingGoesOn() throws {
        var settings = IngestSettings()
        settings.maxRowBytes = 1024
        settings.readChunkBytes = 100
        let huge = String(repeating: "x", count: 50_000)
        let text = """
            timestamp,branch,metric,value
            2024-03-01T00:00:00Z,B01,sales,1
            2024-03-01T00:00:00Z,\(huge),sales,2
            2024-03-02T00:00:00Z,B01,sales,3
            """
        let drop = try Self.parse(text, settings: settings)
        #expect(drop.samples.map(\.value) == [1, 3])
        #expect(drop.samples.map(\.line) == [2, 4])
        #expect(drop.problems.map(\.line) == [3])
        #expect(drop.problems.first?.reason.hasPrefix("the row is longer than 1024 bytes") == true)
        #expect(drop.problems.first?.excerpt.count == 160)
    }
}
