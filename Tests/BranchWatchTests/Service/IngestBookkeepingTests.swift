// Where drop files end up and what is written about them: rows reports, .error files,
// retention, resumption, late and conflicting samples, and files applied in batches.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

/// Log lines kept in memory, for tests that check what was logged.
final class LogLines: @unchecked Sendable {
    // Guarded by `lock`; the logger may write from the engine's thread.
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    func logger() -> Logger {
        Logger(subsystem: "test", level: .debug) { [self] line in
            lock.lock()
            lines.append(line)
            lock.unlock()
        }
    }
}

@Suite struct IngestBookkeepingTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write(
            "rules/sales.yaml",
            SalesJumpRule.text(notify: ["log"], warmup: 2, threshold: 3))
    }

    func engine(inbox extra: String = "", logs: LogLines = LogLines()) throws -> Engine {
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox:
              path: inbox
            \(extra)
            rules: [rules/*.yaml]
            notifiers: { log: { type: console } }
            """)
        return try Engine(config: try ConfigLoader.load(path), logger: logs.logger())
    }

    func drop(_ name: String, _ text: String) throws {
        try directory.write("inbox/" + name, text)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: directory.path + "/" + relative, encoding: .utf8)
    }

    static let header = "timestamp,branch,metric,value\n"

    @Test func badRowsGoToARowsReportAndTheGoodOnesApply() throws {
        let engine = try engine()
        try drop(
            "mixed.csv",
            Self.header + "2024-03-01T00:00:00Z,B1,sales,10\n2024-03-02T00:00:00Z,B1,sales,ten\n"
                + "2024-03-03T00:00:00Z,B1,sales,12\n")
        let outcome = engine.processPendingFiles()["mixed.csv"]
        #expect(outcome == .applied(samples: 2, skipped: 1, late: 0, events: 0))
        #expect(directory.files(in: "inbox/done") == ["mixed.csv"])
        #expect(directory.files(in: "inbox/rejected") == ["mixed.csv.rows"])
        let report = try read("inbox/rejected/mixed.csv.rows").split(separator: "\n")
        #expect(
            Array(report.filter { !$0.hasPrefix("#") }) == [
                "mixed.csv:3:31: \"ten\" is not a number", "    2024-03-02T00:00:00Z,B1,sales,ten",
            ])
        #expect(
            report.last.map(String.init)
                == "# applied 2 samples; skipped 1 unreadable rows or cells, 0 empty "
                + "cells and 0 late samples (0 conflicting)")
        #expect(engine.state.series[SeriesKey(branch: "B1", metric: "sales")]?.count == 2)
        #expect(directory.files(in: "inbox/processing").isEmpty, "no draft is left behind")
    }

    @Test func aFileWithNoReadableRowIsRejectedWithReasonsAndCounts() throws {
        let engine = try engine()
        try drop("bad.csv", Self.header + "yesterday,B1,sales,1\n2024-03-01,B1,sales,x\n")
        try drop("noheader.csv", "when,where\n1,2\n")
        let outcomes = engine.processPendingFiles()
        #expect(outcomes["bad.csv"] != nil)
        #expect(
            directory.files(in: "inbox/rejected") == [
                "bad.csv", "bad.csv.error", "bad.csv.rows", "noheader.csv", "noheader.csv.error",
            ])
        let error = try read("inbox/rejected/bad.csv.error")
        #expect(
            error == """
                no row could be read:
                bad.csv:2:1: "yesterday" is not a timestamp (use 2024-03-01, ISO-8601 or epoch seconds)
                bad.csv:3:21: "x" is not a number
                applied 0 samples; skipped 2 unreadable rows or cells, 0 empty cells and 0 late \
                samples (0 conflicting)

                """)
        let noHeader = try read("inbox/rejected/noheader.csv.error")
        #expect(noHeader.hasPrefix("noheader.csv:1:1: the header has no \"timestamp\" column"))
        #expect(noHeader.hasSuffix("\nnothing was applied\n"))
        #expect(try engine.store.appliedFileCount() == 0)
    }

    @Test func lateAndConflictingSamplesAreCountedLoggedAndNotApplied() throws {
        let logs = LogLines()
        let engine = try engine(logs: logs)
        try drop("a.csv", Self.header + "2024-03-02T00:00:00Z,B1,sales,10\n")
        engine.processPendingFiles()
        try drop(
            "b.csv",
            Self.header + "2024-03-01T00:00:00Z,B1,sales,9\n2024-03-02T00:00:00Z,B1,sales,11\n")
        let outcome = engine.processPendingFiles()["b.csv"]
        #expect(outcome == .applied(samples: 0, skipped: 0, late: 2, events: 0))
        let series = engine.state.series[SeriesKey(branch: "B1", metric: "sales")]
        #expect(series?.count == 1)
        #expect(series?.lastValue == 10)
        #expect(
            logs.all.contains {
                $0.contains("conflicting samples ignored conflicts=1 file=b.csv late=2")
            })
        let report = try read("inbox/rejected/b.csv.rows").split(separator: "\n")
        let late =
            "b.csv:2: late: branch=B1 metric=sales timestamp=2024-03-01T00:00:00Z value=9; "
            + "the series already has timestamp=2024-03-02T00:00:00Z"
        let conflict =
            "b.csv:3: conflict: branch=B1 metric=sales timestamp=2024-03-02T00:00:00Z "
            + "value=11; the series already has value=10 at this time"
        let entries: [String] = report.filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(entries == [late, conflict])
        #expect(report.contains { $0.contains("never change the statistics") })
    }

    @Test func theRowsReportListsUpToItsLimitAndSaysWhatBecameOfTheFile() throws {
        let engine = try engine(inbox: "  max_report_rows: 2")
        try drop("bad.csv", Self.header + String(repeating: "2024-03-01,B1,sales,x\n", count: 5))
        engine.processPendingFiles()
        let report = try read("inbox/rejected/bad.csv.rows").split(separator: "\n")
        #expect(report.filter { $0.hasPrefix("bad.csv:") }.count == 2)
        #expect(report.contains("# … and 3 more not listed (inbox.max_report_rows is 2)"))
        #expect(report.last == "# the file was rejected: none of its rows were applied")
        #expect(!report.contains { $0.contains("other rows were applied") })
    }

    @Test func aNewestFirstFileInSmallBatchesAppliesAsIfSorted() throws {
        let days = (1...40).map { day in
            "\(1_709_251_200 + day * 86_400),B\(day % 2),sales,\(day == 33 ? 90 : 10 + day % 3)\n"
        }
        let sorted = try engine()
        try drop("sorted.csv", Self.header + days.joined())
        let sortedOutcome = sorted.processPendingFiles()["sorted.csv"]

        let second = try TemporaryDirectory()
        try second.write("rules/sales.yaml", try read("rules/sales.yaml"))
        let path = try second.write(
            "branchwatch.yaml",
            try read("branchwatch.yaml").replacingOccurrences(
                of: "  path: inbox", with: "  path: inbox\n  batch_rows: 3"))
        try second.write("inbox/reversed.csv", Self.header + days.reversed().joined())
        let reversed = try Engine(config: try ConfigLoader.load(path), logger: LogLines().logger())
        let reversedOutcome = reversed.processPendingFiles()["reversed.csv"]

        #expect(sortedOutcome == .applied(samples: 40, skipped: 0, late: 0, events: 2))
        #expect(reversedOutcome == sortedOutcome)
        #expect(reversed.state.series == sorted.state.series)
        #expect(reversed.state.alerts == sorted.state.alerts)
        #expect(second.files(in: "inbox/rejected").isEmpty, "no stale rows report")
    }

    @Test func anUnsortedFileOverTheSortLimitIsRejectedWithAdvice() throws {
        let engine = try engine(inbox: "  batch_rows: 2\n  max_sort_rows: 3")
        try drop(
            "big.csv",
            Self.header + (1...5).reversed().map { "2024-03-0\($0),B1,sales,\($0)\n" }.joined())
        guard case .rejected(let reason) = engine.processPendingFiles()["big.csv"] else {
            Issue.record("big.csv was not rejected")
            return
        }
        #expect(reason.hasPrefix("big.csv:1:1: the rows are not in time order"))
        #expect(reason.contains("inbox.max_sort_rows"))
        #expect(engine.state.series.isEmpty)
    }

    /// Each series in order, one branch after the other: later batches go back in time
    /// across series but never within one, so the file streams; sorting it would hit
    /// `max_sort_rows` and reject it.
    @Test func aFileSortedByBranchThenTimeStreamsWithoutSorting() throws {
        let engine = try engine(inbox: "  batch_rows: 2\n  max_sort_rows: 3")
        let rows = ["B1", "B2"].flatMap { branch in
            (1...4).map { "2024-03-0\($0),\(branch),sales,\(10 + $0)\n" }
        }
        try drop("by-branch.csv", Self.header + rows.joined())
        #expect(
            engine.processPendingFiles()["by-branch.csv"]
                == .applied(samples: 8, skipped: 0, late: 0, events: 0))
        #expect(engine.state.series[SeriesKey(branch: "B2", metric: "sales")]?.count == 4)
    }

    @Test func retentionZeroDeletesAppliedFilesAndAgeLimitsPruneDone() throws {
        // Each engine in a scope of its own: one state directory holds one engine at a time.
        do {
            let deleting = try engine(inbox: "  done_retention: 0s")
            try drop("a.csv", Self.header + "2024-03-01T00:00:00Z,B1,sales,10\n")
            deleting.processPendingFiles()
            #expect(directory.files(in: "inbox/done").isEmpty)
            #expect(try deleting.store.appliedFileCount() == 1)
        }

        let ageing = try engine(inbox: "  done_retention: 1h")
        try drop("b.csv", Self.header + "2024-03-02T00:00:00Z,B1,sales,10\n")
        try drop("c.csv", Self.header + "2024-03-03T00:00:00Z,B1,sales,10\n")
        ageing.processPendingFiles()
        #expect(directory.files(in: "inbox/done") == ["b.csv", "c.csv"])
        try FileDate.set(directory.path + "/inbox/done/b.csv", secondsAgo: 7200)
        ageing.processPendingFiles()
        #expect(directory.files(in: "inbox/done") == ["c.csv"])
    }

    @Test func filesLeftInProcessingAreResumedAndNeverAppliedTwice() throws {
        do {
            let first = try engine()
            try drop("a.csv", Self.header + "2024-03-01T00:00:00Z,B1,sales,10\n")
            first.processPendingFiles()
        }
        // As a crash after the commit and before the move would leave it:
        try FileManager.default.moveItem(
            atPath: directory.path + "/inbox/done/a.csv",
            toPath: directory.path + "/inbox/processing/a.csv")
        // As a crash after the claim and before the commit would leave it:
        try directory.write(
            "inbox/processing/b.csv", Self.header + "2024-03-02T00:00:00Z,B1,sales,11\n")
        // A hidden draft is this program's own and is not a drop.
        try directory.write("inbox/processing/.b.csv.rows", "# half-written report\n")

        let restarted = try engine()
        let outcomes = restarted.processPendingFiles()
        #expect(
            outcomes == [
                "a.csv": .duplicate, "b.csv": .applied(samples: 1, skipped: 0, late: 0, events: 0),
            ])
        #expect(directory.files(in: "inbox/done") == ["a.csv", "b.csv"])
        #expect(directory.files(in: "inbox/processing").isEmpty)
        #expect(restarted.state.series[SeriesKey(branch: "B1", metric: "sales")]?.count == 2)
    }

    @Test func aFileReadInSmallBatchesEndsInTheSameStateAsInOne() throws {
        let rows = (1...40).map { day in
            let value = day == 33 ? 90 : 10 + day % 3
            return "\(1_709_251_200 + day * 86_400),B\(day % 2),sales,\(value)\n"
        }.joined()
        let whole = try engine()
        try drop("all.csv", Self.header + rows)
        let wholeOutcome = whole.processPendingFiles()["all.csv"]

        let second = try TemporaryDirectory()
        try second.write("rules/sales.yaml", try read("rules/sales.yaml"))
        let path = try second.write(
            "branchwatch.yaml",
            try read("branchwatch.yaml").replacingOccurrences(
                of: "  path: inbox", with: "  path: inbox\n  batch_rows: 3"))
        try second.write("inbox/all.csv", Self.header + rows)
        let batched = try Engine(config: try ConfigLoader.load(path), logger: LogLines().logger())
        let batchedOutcome = batched.processPendingFiles()["all.csv"]

        #expect(
            wholeOutcome == .applied(samples: 40, skipped: 0, late: 0, events: 2),
            "one firing, one resolved")
        #expect(batchedOutcome == wholeOutcome)
        #expect(batched.state.series == whole.state.series)
        #expect(batched.state.detectors == whole.state.detectors)
        #expect(batched.state.alerts == whole.state.alerts)
        let payloads = try whole.store.outboxEntries().map(\.payload)
        #expect(try batched.store.outboxEntries().map(\.payload) == payloads)
    }

    /// A file that fails (here its rows report cannot be written) holds newer files back:
    /// applied first, they would make all its rows late. It is retried, and then they go.
    @Test func newerFilesWaitForAFailedOneAndNoRowIsLost() throws {
        let engine = try engine()
        try drop("a.csv", Self.header + "2024-03-01T00:00:00Z,B1,sales,10\n")
        engine.processPendingFiles()
        let blocker = directory.path + "/inbox/processing/.b.csv.rows"
        try FileManager.default.createDirectory(
            atPath: blocker, withIntermediateDirectories: true)
        try drop(
            "b.csv",
            Self.header + "2024-03-02T00:00:00Z,B1,sales,11\n2024-03-02T00:00:00Z,B2,sales,x\n")
        guard case .failed = engine.processPendingFiles()["b.csv"] else {
            Issue.record("b.csv should have failed")
            return
        }
        try drop("c.csv", Self.header + "2024-03-03T00:00:00Z,B1,sales,12\n")
        #expect(engine.processPendingFiles()["c.csv"] == nil, "c.csv waits behind b.csv")
        #expect(directory.files(in: "inbox").contains("c.csv"))

        try FileManager.default.removeItem(atPath: blocker)
        var outcomes: [String: FileOutcome] = [:]
        let retried = Wait.until(timeout: 10) {
            outcomes.merge(engine.processPendingFiles()) { _, new in new }
            return outcomes["c.csv"] != nil
        }
        #expect(retried)
        #expect(outcomes["b.csv"] == .applied(samples: 1, skipped: 1, late: 0, events: 0))
        #expect(outcomes["c.csv"] == .applied(samples: 1, skipped: 0, late: 0, events: 0))
        #expect(engine.state.series[SeriesKey(branch: "B1", metric: "sales")]?.count == 3)
    }

    @Test func aBatchedFileThatFailsMidwayLeavesNoTraceInStateOrDatabase() throws {
        do {
            let engine = try engine(inbox: "  batch_rows: 2")
            try drop("a.csv", Self.header + "2024-03-01T00:00:00Z,B1,sales,10\n")
            engine.processPendingFiles()
            let before = engine.state.series
            // The rows report of the next file cannot be written: a folder is in the way.
            try FileManager.default.createDirectory(
                atPath: directory.path + "/inbox/processing/.b.csv.rows",
                withIntermediateDirectories: true)
            try drop(
                "b.csv",
                Self.header + "2024-03-02T00:00:00Z,B1,sales,11\n2024-03-03T00:00:00Z,B1,sales,12\n"
                    + "2024-03-04T00:00:00Z,B1,sales,oops\n")
            guard case .failed = engine.processPendingFiles()["b.csv"] else {
                Issue.record("b.csv should have failed")
                return
            }
            #expect(engine.state.series == before, "the first batch's changes were put back")
            #expect(try engine.store.loadState().series == before)
            #expect(directory.files(in: "inbox/processing") == [".b.csv.rows", "b.csv"])
        }
        try FileManager.default.removeItem(
            atPath: directory.path + "/inbox/processing/.b.csv.rows")
        let restarted = try self.engine(inbox: "  batch_rows: 2")
        #expect(
            restarted.processPendingFiles()["b.csv"]
                == .applied(samples: 2, skipped: 1, late: 0, events: 0))
        #expect(restarted.state.series[SeriesKey(branch: "B1", metric: "sales")]?.count == 3)
    }
}
