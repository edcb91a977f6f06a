// The backtest counts what would have been sent: first firings, reminders and muted apart.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct BacktestDeliveryTests {
    @Test func remindersAndInhibitedFiringsDoNotCountAsAlerts() throws {
        let directory = try TemporaryDirectory()
        try TimeZoneSetting.apply("UTC")
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: high
                metric: sales
                detector: { type: ewma, warmup: 1 }
                when: value > 100
                repeat: 2d
                inhibit: region
                notify: [hook]
            """)
        let config = try ConfigLoader.load(
            try directory.write(
                "branchwatch.yaml",
                "timezone: UTC\ninbox: { path: inbox, labels: [region] }\n"
                    + "rules: [rules/r.yaml]\nnotifiers: { hook: { type: console } }\n"))
        // East, the region's total, fires on days 2-3 and mutes B1; B1 fires days 2-6.
        var rows = ["timestamp,branch,metric,value,region"]
        let east = [50, 300, 300, 50, 50, 50]
        let b1 = [50, 150, 150, 150, 150, 150]
        for day in 0..<6 {
            rows.append("2024-03-0\(day + 1),East,sales,\(east[day]),East")
            rows.append("2024-03-0\(day + 1),B1,sales,\(b1[day]),East")
        }
        let data = try directory.write("history.csv", rows.joined(separator: "\n") + "\n")
        let samples = try BacktestInput.read(data, plain: nil).samples
        let summary = try #require(Backtest(rules: config.rules, samples: samples).summaries.first)
        // East's firing, and B1's owed firing sent on day 4 when East resolved; B1's
        // reminder on day 6; B1's firing on day 2, muted by East.
        #expect(summary.alerts == 2)
        #expect(summary.branchesAlerted == 2)
        #expect(summary.reminders == 1)
        #expect(summary.muted == 1)
    }
}
