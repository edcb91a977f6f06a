// Which inbox files are claimed: only finished ones, named by inotify or settled on a scan.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct InboxClaimTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write(
            "rules/sales.yaml",
            SalesJumpRule.text(notify: ["log"], warmup: 2, threshold: 3))
    }

    func engine(settle: String = "2s", logs: LogLines = LogLines()) throws -> Engine {
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox, settle_time: \(settle) }
            rules: [rules/*.yaml]
            notifiers: { log: { type: console } }
            """)
        return try Engine(config: try ConfigLoader.load(path), logger: logs.logger())
    }

    static let rows = [
        "timestamp,branch,metric,value\n", "2024-03-01T00:00:00Z,B1,sales,1\n",
        "2024-03-02T00:00:00Z,B1,sales,2\n", "2024-03-03T00:00:00Z,B1,sales,3\n",
    ]

    /// Waits until the watcher has something to read, then reads it.
    static func events(_ watcher: InboxWatcher) -> InboxEvents {
        var events = InboxEvents()
        _ = Wait.until(timeout: 5) {
            let more = watcher.drain()
            events.names.formUnion(more.names.filter { !$0.hasPrefix(".") })
            return !events.names.isEmpty
        }
        return events
    }

    @Test func watchClaimsOnlyClosedFilesNotOneStillBeingWritten() throws {
        let engine = try engine()
        let watcher = try InboxWatcher(directory: engine.inbox.path)
        let slowPath = directory.path + "/inbox/slow.csv"
        // Opened once and kept open, as an exporter writing slowly in place does.
        let descriptor = open(slowPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let slow = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let slowRows = Self.rows.map { $0.replacingOccurrences(of: "B1", with: "B2") }
        slow.write(Data((slowRows[0] + slowRows[1]).utf8))
        try directory.write("inbox/finished.csv", Self.rows.joined(), age: 0)

        let events = Self.events(watcher)
        #expect(events.names == ["finished.csv"])
        let outcomes = engine.processLanded(events)
        #expect(Array(outcomes.keys) == ["finished.csv"])
        #expect(directory.files(in: "inbox").contains("slow.csv"), "still open: not claimed")

        slow.write(Data((slowRows[2] + slowRows[3]).utf8))
        try slow.close()
        let closed = Self.events(watcher)
        #expect(closed.names == ["slow.csv"])
        let later = engine.processLanded(closed)
        #expect(later["slow.csv"] == .applied(samples: 3, skipped: 0, late: 0, events: 0))
    }

    @Test func aScanLeavesFreshFilesUntilTheirSettleTimeHasPassed() throws {
        let engine = try engine(settle: "1s")
        try directory.write("inbox/old.csv", Self.rows.joined())
        try directory.write("inbox/fresh.csv", Self.rows.joined(), age: 0)

        let outcomes = engine.processPendingFiles()
        #expect(Array(outcomes.keys) == ["old.csv"])
        #expect(directory.files(in: "inbox").contains("fresh.csv"))
        let wait = try #require(engine.secondsUntilSettled)
        #expect(wait > 0 && wait <= 1)

        var later: [String: FileOutcome] = [:]
        #expect(
            Wait.until(timeout: 5) {
                later.merge(engine.processLanded(InboxEvents())) { $1 }
                return !later.isEmpty
            })
        #expect(later["fresh.csv"] == .duplicate, "same bytes as old.csv")
        #expect(engine.secondsUntilSettled == nil)
    }

    @Test func aCloseEventClaimsAFreshFileAtOnce() throws {
        let engine = try engine(settle: "1h")
        try directory.write("inbox/fresh.csv", Self.rows.joined(), age: 0)
        #expect(engine.processPendingFiles().isEmpty)
        let outcomes = engine.processLanded(InboxEvents(names: ["fresh.csv", "gone.csv"]))
        #expect(outcomes == ["fresh.csv": .applied(samples: 3, skipped: 0, late: 0, events: 0)])
        #expect(engine.secondsUntilSettled == nil)
    }

    @Test func aBacklogIsAppliedOldestFirstNotInNameOrder() throws {
        let engine = try engine()
        for (day, age) in [(8, 30.0), (9, 20), (10, 10)] {
            try directory.write(
                "inbox/report_\(day).csv",
                Self.rows[0] + "2024-03-\(String(format: "%02d", day))T00:00:00Z,B1,sales,\(day)\n",
                age: age)
        }
        let outcomes = engine.processPendingFiles()
        for day in 8...10 {
            #expect(
                outcomes["report_\(day).csv"]
                    == .applied(samples: 1, skipped: 0, late: 0, events: 0))
        }
        #expect(engine.state.series[SeriesKey(branch: "B1", metric: "sales")]?.lastValue == 10)
    }

    @Test func onlyDropExtensionsAreReadAndTheRestIsLoggedOncePerName() throws {
        let logs = LogLines()
        let engine = try engine(logs: logs)
        let text = Self.rows.joined()
        try directory.write("inbox/SALES.CSV", text)
        try directory.write("inbox/notes.md", text)
        try directory.write("inbox/data.tsv", text + "\n")
        try directory.write("inbox/upload.TMP", text + "\n\n")
        try directory.write("inbox/upload2.Part", text + "\n\n\n")
        try directory.write("inbox/2024/march.csv", text)

        #expect(Array(engine.processPendingFiles().keys) == ["SALES.CSV"])
        engine.processPendingFiles()
        let ignored = logs.all.filter { $0.contains("inbox entry not read") }
        #expect(ignored.count == 3)
        #expect(ignored.contains { $0.contains("name=2024") && $0.contains("a folder") })
        #expect(ignored.contains { $0.contains("name=notes.md") })
        #expect(ignored.contains { $0.contains("name=data.tsv") })
        #expect(directory.files(in: "inbox").contains("upload.TMP"))
    }
}
