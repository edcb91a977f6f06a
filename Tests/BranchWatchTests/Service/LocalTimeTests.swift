// Bare dates are midnight in the configured zone, across DST changes. The zone is
// process-wide, so each zone gets its own run of the real executable.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct LocalTimeTests {
    /// Applies `rows` (branch,timestamp) with the executable in `zone` and returns each
    /// branch's last timestamp from the state database.
    static func lastTimestamps(zone: String, rows: [(String, String)]) throws -> [String: Int64] {
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
        let config = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: \(zone)
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { log: { type: console } }
            """)
        let csv = rows.map { "\($0.1),\($0.0),sales,1\n" }.joined()
        try directory.write("inbox/dates.csv", "timestamp,branch,metric,value\n" + csv)
        let run = try BranchwatchProcess(
            ["run", "--once", "--config", config], logPath: directory.path + "/log")
        try #require(run.waitForExit(timeout: 30) == 0)
        let database = try Database(path: directory.path + "/state/branchwatch.sqlite")
        let query = try database.prepare("SELECT branch, last_timestamp FROM series")
        var result: [String: Int64] = [:]
        while try query.step() { result[query.text(0)] = query.integer(1) }
        return result
    }

    // Expected values from local_midnight.py (Python's zoneinfo).
    @Test(.enabled(if: BranchwatchProcess.isBuilt, "needs `swift build` first"))
    func newYorkMidnightsAroundBothDSTChanges() throws {
        let found = try Self.lastTimestamps(
            zone: "America/New_York",
            rows: [
                ("before-spring", "2024-03-09"), ("spring-day", "2024-03-10"),
                ("spring-compact", "20240310"), ("spring-slashes", "2024/3/10"),
                ("spring-0330", "2024-03-10 03:30:00"), ("after-spring", "2024-03-11"),
                ("fall-day", "2024-11-03"), ("after-fall", "2024-11-04"),
                ("with-offset", "2024-03-10T00:00:00+08:00"),
            ])
        #expect(
            found == [
                "before-spring": 1_709_960_400, "spring-day": 1_710_046_800,
                "spring-compact": 1_710_046_800, "spring-slashes": 1_710_046_800,
                "spring-0330": 1_710_055_800, "after-spring": 1_710_129_600,
                "fall-day": 1_730_606_400, "after-fall": 1_730_696_400,
                "with-offset": 1_710_000_000,
            ])
    }

    @Test(.enabled(if: BranchwatchProcess.isBuilt, "needs `swift build` first"))
    func santiagoDayWithoutAMidnightStartsAtOne() throws {
        let found = try Self.lastTimestamps(
            zone: "America/Santiago", rows: [("fall", "2024-04-07"), ("spring", "2024-09-08")])
        #expect(found == ["fall": 1_712_462_400, "spring": 1_725_768_000])
    }
}
