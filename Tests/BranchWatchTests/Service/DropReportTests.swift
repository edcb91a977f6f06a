// What the log and the inbox's reports say about text columns, empty exports, repeated
// content and repeated names.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct DropReportTests {
    let directory: TemporaryDirectory
    let logs = LogLines()

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write(
            "rules/sales.yaml",
            """
            rules:
              - name: sales-low
                metric: sales
                detector: { type: ewma, warmup: 1 }
                when: value < 5
                notify: [log]
            """)
    }

    func engine() throws -> Engine {
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox:
              path: inbox
            rules: [rules/*.yaml]
            notifiers: { log: { type: console } }
            """)
        return try Engine(config: try ConfigLoader.load(path), logger: logs.logger())
    }

    func lines(containing text: String) -> [String] {
        logs.all.filter { $0.contains(text) }
    }

    @Test func textColumnsBecomeLabelsWithOneNoticeAndNoSkippedRows() throws {
        let engine = try engine()
        try directory.write(
            "inbox/wide.csv",
            "Date,Branch,Manager,Sales,City\n2024-03-01,B01,Ann,8,Leeds\n"
                + "2024-03-02,B01,Bob,3,Leeds\n")
        let outcome = engine.processPendingFiles()["wide.csv"]
        // The rule on `sales` sees the `Sales` column.
        #expect(outcome == .applied(samples: 2, skipped: 0, late: 0, events: 1))
        #expect(lines(containing: "row skipped").isEmpty)
        let notices = lines(containing: "text columns read as labels")
        #expect(notices.count == 1)
        #expect(notices.first?.contains("columns=manager,city") == true)
        #expect(notices.first?.contains("inbox.labels") == true)
        #expect(directory.files(in: "inbox/rejected").isEmpty, "no rows report")
    }

    @Test func aHeaderOnlyFileIsRejectedSayingNoRows() throws {
        let engine = try engine()
        try directory.write("inbox/empty.csv", "timestamp,branch,metric,value\r\n")
        guard case .rejected(let reason)? = engine.processPendingFiles()["empty.csv"] else {
            Issue.record("a header-only file is rejected")
            return
        }
        #expect(reason.contains("empty.csv:2:1: no rows"))
        let error = try String(
            contentsOfFile: directory.path + "/inbox/rejected/empty.csv.error", encoding: .utf8)
        #expect(error.contains("no rows"))
        let logged = lines(containing: "file rejected")
        #expect(logged.count == 1)
        #expect(logged.first?.contains("no rows") == true)
    }

    static let rows = "timestamp,branch,metric,value\n2024-03-01,B01,sales,9\n"

    @Test func aRepeatOfAppliedContentNamesTheFileFirstApplied() throws {
        let engine = try engine()
        try directory.write("inbox/monday.csv", Self.rows)
        _ = engine.processPendingFiles()
        try directory.write("inbox/monday-again.csv", Self.rows)
        #expect(engine.processPendingFiles()["monday-again.csv"] == .duplicate)
        let skipped = lines(containing: "file already applied, skipped")
        #expect(skipped.count == 1)
        #expect(skipped.first?.contains("earlier=monday.csv") == true)
        #expect(skipped.first?.contains("file=monday-again.csv") == true)
    }

    @Test func aRepeatedNameIsReportedUnderTheNameItIsStoredAs() throws {
        let engine = try engine()
        let bad = "2024-03-01,B01,sales,ten\n"
        try directory.write("inbox/export.csv", Self.rows + bad)
        _ = engine.processPendingFiles()
        try directory.write("inbox/export.csv", Self.rows + "2024-03-02,B01,sales,8\n" + bad)
        _ = engine.processPendingFiles()
        #expect(directory.files(in: "inbox/done") == ["export.csv", "export.csv.2"])
        #expect(directory.files(in: "inbox/rejected") == ["export.csv.2.rows", "export.csv.rows"])
        let applied = lines(containing: "file applied")
        #expect(applied.count == 2)
        #expect(applied.first?.contains("stored=") == false)
        #expect(applied.last?.contains("stored=export.csv.2") == true)

        try directory.write("inbox/export.csv", "only,junk\n")
        try directory.write("inbox/rejected/export.csv", "an earlier rejected file")
        _ = engine.processPendingFiles()
        let error = try String(
            contentsOfFile: directory.path + "/inbox/rejected/export.csv.2.error", encoding: .utf8)
        #expect(error.contains("stored as export.csv.2"))
        #expect(lines(containing: "file rejected").first?.contains("stored=export.csv.2") == true)
    }
}
