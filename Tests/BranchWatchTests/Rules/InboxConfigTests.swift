// The inbox section of the config: column names, encodings, sizes and retention.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct InboxConfigTests {
    static func load(_ inbox: String) throws -> Config {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: r
                metric: sales
                detector: { type: ewma, alpha: 0.3, warmup: 5 }
                when: z > 4
                notify: [log]
            """)
        let path = try directory.write(
            "branchwatch.yaml",
            "inbox:\n\(inbox)\nrules: [rules/*.yaml]\nnotifiers: { log: { type: console } }\n")
        return try ConfigLoader.load(path)
    }

    @Test func readsColumnNamesLabelsSizesAndRetention() throws {
        let config = try Self.load(
            """
              path: inbox
              encoding: GB18030
              columns:
                日期: timestamp
                网点编号: branch
                销售额: sales
                " Region ": region
              labels: [region]
              batch_rows: 500
              max_row_size: 64KiB
              done_retention: 7d
            """)
        let ingest = config.ingest
        #expect(ingest.encoding == .gb18030)
        #expect(
            ingest.columns == [
                "日期": "timestamp", "网点编号": "branch", "销售额": "sales", "region": "region",
            ])
        #expect(ingest.labelColumns == ["region"])
        #expect(ingest.batchRows == 500)
        #expect(ingest.maxRowBytes == 65_536)
        #expect(ingest.doneRetention == 604_800)
    }

    @Test func defaultsAreAutoEncodingAndKeepingDoneFiles() throws {
        let ingest = try Self.load("  path: inbox").ingest
        #expect(ingest.encoding == .auto)
        #expect(ingest.doneRetention == nil)
        #expect(ingest.columns.isEmpty)
    }

    @Test func badValuesAreReportedWhereTheyAre() throws {
        let error = #expect(throws: ConfigError.self) {
            try Self.load(
                """
                  path: inbox
                  encoding: latin1
                  columns: [a, b]
                  max_row_size: 12 parsecs
                """)
        }
        let messages = error?.diagnostics.map { "\($0.mark): \($0.message)" } ?? []
        #expect(
            messages == [
                "3:13: unknown encoding \"latin1\"; use one of: utf-8, gb18030, gbk, auto",
                "4:12: \"columns\" must map export column names to ours (日期: timestamp), "
                    + "found a list",
                "5:17: \"max_row_size\" must be a size such as 64KiB or 1MiB (up to 1GiB), "
                    + "found \"12 parsecs\"",
            ])
    }
}
