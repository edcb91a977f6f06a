// Thousands of mangled drops through the real daemon: it keeps running, rejects each
// hopeless file with a reason, and applies every good row of the files it can read.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct FuzzTests {
    static let count = 3000

    static func prepare() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("branchwatch-fuzz")
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
        try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox, max_row_size: \(FuzzDrops.maxRowBytes) }
            rules: [rules/*.yaml]
            notifiers: { log: { type: console } }
            log_level: error
            """)
        return directory
    }

    @Test(.enabled(if: BranchwatchProcess.isBuilt, "needs `swift build` first"))
    func mangledDropsAreRejectedWithReasonsAndEveryGoodRowApplies() throws {
        let directory = try Self.prepare()
        var generator = FuzzDrops(seed: 7)
        let drops = generator.make(Self.count)
        let files = FileManager.default
        try files.createDirectory(
            atPath: directory.path + "/staging", withIntermediateDirectories: true)
        for drop in drops {
            files.createFile(
                atPath: directory.path + "/staging/" + drop.name, contents: Data(drop.bytes))
        }

        let daemon = try BranchwatchProcess(
            ["run", "--config", directory.path + "/branchwatch.yaml"],
            logPath: directory.path + "/log")
        defer { daemon.send(SIGKILL) }
        // Renamed in while it runs: whether each lands before or after the daemon's start-up
        // scan, the scan or the watch picks it up.
        try files.createDirectory(
            atPath: directory.path + "/inbox", withIntermediateDirectories: true)
        for drop in drops {
            try files.moveItem(
                atPath: directory.path + "/staging/" + drop.name,
                toPath: directory.path + "/inbox/" + drop.name)
        }
        let started = Date()
        // A generous deadline: on a loaded two-core machine 3000 files took over a minute.
        let settled = Wait.until(timeout: 300) {
            directory.files(in: "inbox").allSatisfy { !$0.contains(".") }
                && directory.files(in: "inbox/processing").allSatisfy { $0.hasPrefix(".") }
        }
        let seconds = Date().timeIntervalSince(started)
        try #require(settled, "the daemon did not finish the drops within five minutes")
        #expect(daemon.isRunning, "the daemon must survive every file")

        // Still serving: one more good file is applied as it lands.
        try directory.write(
            "inbox/after.csv.part", "timestamp,branch,metric,value\n1709251200,LAST,sales,5\n")
        try files.moveItem(
            atPath: directory.path + "/inbox/after.csv.part",
            toPath: directory.path + "/inbox/after.csv")
        #expect(Wait.until(timeout: 10) { directory.files(in: "inbox/done").contains("after.csv") })
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 10) == 0)

        let series = try Self.series(directory)
        let summary = try Self.check(drops, in: directory, series: series)
        print(
            "fuzz: \(drops.count) drops in \(Int(seconds * 1000)) ms; \(summary.rejected) rejected "
                + "with a reason, \(summary.applied) applied; \(summary.goodRows) known good rows "
                + "applied, \(summary.badRows) known bad rows reported")
        #expect(series["LAST"]?.value == 5)
    }

    struct Summary {
        var applied = 0
        var rejected = 0
        var goodRows = 0
        var badRows = 0
    }

    /// Checks where each drop ended and what it applied.
    static func check(
        _ drops: [FuzzDrop], in directory: TemporaryDirectory,
        series: [String: (count: Int, value: Double)]
    ) throws -> Summary {
        let done = Set(directory.files(in: "inbox/done"))
        let rejected = Set(directory.files(in: "inbox/rejected"))
        var summary = Summary()
        for drop in drops {
            let isDone = done.contains(drop.name)
            let isRejected = rejected.contains(drop.name)
            #expect(
                isDone != isRejected, "\(drop.name) must end in exactly one of done/, rejected/")
            if isRejected {
                summary.rejected += 1
                let reason = try String(
                    contentsOfFile: directory.path + "/inbox/rejected/\(drop.name).error",
                    encoding: .utf8)
                #expect(reason.contains("\(drop.name):"), "\(drop.name).error: \(reason)")
            } else {
                summary.applied += 1
            }
            switch drop.expectation {
            case .rejected:
                #expect(isRejected, "\(drop.name) should have been rejected")

            case .applies(let good, let unreadable):
                let bad = unreadable.count
                #expect(isDone, "\(drop.name) should have been applied")
                for (branch, value) in good {
                    let found = series[branch]
                    #expect(found?.count == 1, "\(drop.name): \(branch) not applied once")
                    #expect(abs((found?.value ?? .nan) - value) <= 1e-9 * max(1, abs(value)))
                }
                let reported = try badRowsReported(drop.name, in: directory)
                #expect(reported == bad, "\(drop.name): \(bad) bad rows, \(reported) reported")
                for branch in unreadable {
                    #expect(series[branch] == nil, "\(drop.name): bad row \(branch) was applied")
                }
                summary.goodRows += good.count
                summary.badRows += bad
            case .eitherWay:
                break
            }
        }
        return summary
    }

    static func badRowsReported(_ name: String, in directory: TemporaryDirectory) throws -> Int {
        let path = directory.path + "/inbox/rejected/\(name).rows"
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("\(name):") }.count
    }

    static func series(_ directory: TemporaryDirectory) throws -> [String: (
        count: Int, value: Double
    )] {
        let database = try Database(path: directory.path + "/state/branchwatch.sqlite")
        let query = try database.prepare("SELECT branch, sample_count, last_value FROM series")
        var result: [String: (count: Int, value: Double)] = [:]
        while try query.step() {
            result[query.text(0)] = (Int(query.integer(1)), query.real(2))
        }
        return result
    }
}
