// The backtest replays through the daemon's own engine code and writes what it saw.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct BacktestTests {
    /// Twelve quiet days at two stores, then store-1 collapses and store-2 goes silent.
    static let drop: String = {
        var rows = ["timestamp,branch,metric,value"]
        for day in 1...12 {
            let date = "2024-03-\(day < 10 ? "0" : "")\(day)"
            rows.append("\(date),store-1,sales,\(100 + day % 3)")
            rows.append("\(date),store-2,sales,\(200 + day % 2)")
        }
        rows += ["2024-03-13,store-1,sales,20", "2024-03-14,store-1,sales,101"]
        rows += ["2024-03-15,store-1,sales,99", "2024-03-16,store-1,sales,100"]
        return rows.joined(separator: "\n") + "\n"
    }()

    static let rules = """
        rules:
          - name: drop
            metric: sales
            detector: { type: robust, window: 10, warmup: 5, min_std_pct: 2% }
            when: z <= -5
            notify: [hook]
          - name: silent
            metric: sales
            detector: { type: absent }
            when: age >= 3d
            notify: [hook]
        """

    func config(in directory: TemporaryDirectory) throws -> Config {
        try directory.write("rules/r.yaml", BacktestTests.rules)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { hook: { type: console } }
            """)
        return try ConfigLoader.load(path)
    }

    @Test func writesScoresAndFiringColumnsAndSummarisesPerRule() throws {
        let directory = try TemporaryDirectory()
        let config = try config(in: directory)
        try TimeZoneSetting.apply("UTC")
        let data = try directory.write("history.csv", BacktestTests.drop)
        let samples = try BacktestInput.read(data, plain: nil).samples
        let backtest = Backtest(rules: config.rules, samples: samples)
        let lines = ScoreTable.render(backtest).split(separator: "\n")
        #expect(
            lines[0]
                == "timestamp,branch,metric,value,drop.expected,drop.std,drop.z,drop.pct_change,"
                + "silent.age,drop,silent")
        #expect(
            lines.contains(
                "2024-03-13T00:00:00Z,store-1,sales,20,101,2.02,-40.0990099009901,"
                    + "-0.801980198019802,0,1,0"))
        // store-2's silence: a row without a value, age 3 days, the rule fired.
        #expect(lines.contains("2024-03-15T00:00:00Z,store-2,sales,,,,,,3,0,1"))
        let summaries = backtest.summaries
        #expect(summaries.map(\.alerts) == [1, 1])
        #expect(summaries.map(\.branchesAlerted) == [1, 1])
        // 16 + 12 days of data.
        #expect(abs(summaries[0].branchMonths - 28 / 30.4375) < 1e-12)
    }

    @Test func sendsTheSameAlertsAsTheDaemonOnTheSameFile() throws {
        let directory = try TemporaryDirectory()
        let config = try config(in: directory)
        try directory.write("inbox/history.csv", BacktestTests.drop)
        let engine = try Engine(config: config, logger: Logger(subsystem: "test", level: .error))
        _ = engine.processPendingFiles()
        let queued = try engine.store.outboxEntries().map(\.eventKey).sorted()
        let samples = try BacktestInput.read(
            directory.path + "/inbox/done/history.csv", plain: nil
        ).samples
        let replayed = Backtest(rules: config.rules, samples: samples).evaluation.events
        #expect(queued.count == 3)
        #expect(replayed.map(\.key).sorted() == queued)
    }

    @Test func readsAPlainTimestampValueFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "one.csv", "timestamp,value\n2024-03-01,5\n2024-03-02,\"1,5\"\n2024-03-03,7\n")
        let drop = try BacktestInput.read(path, plain: PlainSeries(branch: "b1", metric: "m"))
        #expect(drop.samples.map(\.value) == [5, 7])
        #expect(drop.samples.allSatisfy { $0.branch == "b1" && $0.metric == "m" })
        #expect(drop.problems.map(\.column) == [12])
    }

    /// Two branches with two metrics each: branch-months count branches, not series.
    @Test func branchMonthsCountEachBranchOnceWhateverItsMetrics() throws {
        let directory = try TemporaryDirectory()
        try TimeZoneSetting.apply("UTC")
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: both
                metric: [sales, visits]
                detector: { type: ewma, warmup: 2 }
                when: z <= -50
                notify: [hook]
            """)
        let config = try ConfigLoader.load(
            try directory.write(
                "branchwatch.yaml",
                "timezone: UTC\ninbox: { path: inbox }\nrules: [rules/r.yaml]\n"
                    + "notifiers: { hook: { type: console } }\n"))
        var rows = ["timestamp,branch,metric,value"]
        // b1 reports sales on days 1-10 and visits on days 5-20: 20 days as a branch.
        rows += (1...10).map { "2024-03-\($0 < 10 ? "0" : "")\($0),b1,sales,10" }
        rows += (5...20).map { "2024-03-\($0 < 10 ? "0" : "")\($0),b1,visits,10" }
        // b2 reports both on days 1-10; its `other` metric is not watched by the rule.
        rows += (1...10).map { "2024-03-\($0 < 10 ? "0" : "")\($0),b2,sales,10" }
        rows += (1...10).map { "2024-03-\($0 < 10 ? "0" : "")\($0),b2,visits,10" }
        rows += ["2024-03-30,b2,other,1"]
        let data = try directory.write("history.csv", rows.joined(separator: "\n") + "\n")
        let samples = try BacktestInput.read(data, plain: nil).samples
        let summary = try #require(Backtest(rules: config.rules, samples: samples).summaries.first)
        #expect(abs(summary.branchMonths - 30 / 30.4375) < 1e-12)
        #expect(abs(summary.seriesMonths - 46 / 30.4375) < 1e-12)
    }
}
