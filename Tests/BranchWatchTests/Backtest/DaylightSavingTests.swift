// Daily data across DST changes: a 25-hour or 23-hour day is still one day apart.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct DaylightSavingTests {
    /// `count` dates from `first` (yyyy-MM-dd), one calendar day apart.
    static func dates(from first: String, count: Int) -> [String] {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd"
        guard let start = format.date(from: first) else { return [] }
        return (0..<count).map {
            format.string(from: start.addingTimeInterval(Double($0) * 86_400))
        }
    }

    @Test func aDSTChangeIsNotAGap() {
        let oneDay = MissingDataPolicy(resetAfter: 86_400)
        // Autumn: 25 real hours, one local day. Spring: 23 real hours, one local day.
        for (elapsed, local) in [(90_000, 86_400), (82_800, 86_400)] {
            let gap = Observation.gap(elapsed: Int64(elapsed), localElapsed: Int64(local))
            #expect(!oneDay.resets(before: Observation(value: 1, localTime: 0, gap: gap)))
        }
        // A missing day across the autumn change: 49 real hours, two local days.
        let missed = Observation.gap(elapsed: 176_400, localElapsed: 172_800)
        #expect(missed == 172_800)
        #expect(oneDay.resets(before: Observation(value: 1, localTime: 0, gap: missed)))
        // Hourly values across the spring change: one real hour, two local ones.
        #expect(Observation.gap(elapsed: 3600, localElapsed: 7200) == 3600)
    }

    /// A daily replay in New York over both 2015 changes: warm-up does not restart on the
    /// day after a change, and a silent branch ages in whole days.
    @Test(.enabled(if: BranchwatchProcess.isBuilt, "needs `swift build` first"))
    func dailyReplayInNewYorkKeepsItsBaselineAcrossBothChanges() throws {
        let run = try BacktestRun(
            zone: "America/New_York",
            rules: """
                rules:
                  - name: level
                    metric: sales
                    detector: { type: ewma, warmup: 3, reset_after: 1d }
                    when: z <= -50
                    notify: [hook]
                  - name: weekly
                    metric: sales
                    detector: { type: seasonal, warmup: 1, reset_after: 1d }
                    when: z <= -50
                    notify: [hook]
                  - name: silent
                    metric: sales
                    detector: { type: absent }
                    when: age >= 30d
                    notify: [hook]
                """)
        var rows = ["timestamp,branch,metric,value"]
        // Spring change on 2015-03-08, autumn change on 2015-11-01.
        let spring = Self.dates(from: "2015-03-01", count: 14)
        let autumn = Self.dates(from: "2015-10-20", count: 22)
        for (index, date) in (spring + autumn).enumerated() {
            rows.append("\(date),b1,sales,\(100 + index % 3)")
        }
        for date in spring.prefix(6) { rows.append("\(date),b2,sales,50") }
        for date in autumn.prefix(11) { rows.append("\(date),b3,sales,50") }
        try run.write("history.csv", rows.joined(separator: "\n") + "\n")
        let result = try run.run(["--data", run.path("history.csv"), "--output", run.path("s.csv")])
        #expect(result.status == 0, "\(result.errors)")
        let table = try run.table("s.csv")
        let header = table[0]
        func cell(_ date: String, _ branch: String, _ column: String) -> String? {
            guard let index = header.firstIndex(of: column) else { return nil }
            return table.first { $0[0].hasPrefix(date) && $0[1] == branch }?[index]
        }
        // Scored (not warming up again) on the days after each change.
        for date in ["2015-03-08", "2015-03-09", "2015-11-01", "2015-11-02"] {
            #expect(cell(date, "b1", "level.z")?.isEmpty == false, "level on \(date)")
        }
        // Weekly slots: 2015-11-02 is a Monday compared with Monday 2015-10-26.
        #expect(cell("2015-11-02", "b1", "weekly.expected") == cell("2015-10-26", "b1", "value"))
        // b2 last reported on 2015-03-06; b3 on 2015-10-30.
        #expect(cell("2015-03-09", "b2", "silent.age") == "3")
        #expect(cell("2015-03-10", "b2", "silent.age") == "4")
        #expect(cell("2015-11-02", "b3", "silent.age") == "3")
        #expect(cell("2015-11-03", "b3", "silent.age") == "4")
    }
}
