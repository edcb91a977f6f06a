// A peer rule that cannot score some branches says so, in check and in the backtest.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct PeerCoverageTests {
    /// north has four branches (each has the three peers `min_peers` asks for); south has
    /// two; c1 reports but is not listed.
    static let roster =
        "branch,region\na1,north\na2,north\na3,north\na4,north\nb1,south\nb2,south\n"

    func config(in directory: TemporaryDirectory) throws -> Config {
        try directory.write("rules/branches.csv", Self.roster)
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: alone
                metric: sales
                detector: { type: peer, by: none, warmup: 2, branches: branches.csv }
                when: peer_z <= -50
                notify: [hook]
            """)
        return try ConfigLoader.load(
            try directory.write(
                "branchwatch.yaml",
                "timezone: UTC\ninbox: { path: inbox }\nrules: [rules/r.yaml]\n"
                    + "notifiers: { hook: { type: console } }\n"))
    }

    @Test func checkWarnsAboutGroupsTooSmallToScore() throws {
        let directory = try TemporaryDirectory()
        let config = try config(in: directory)
        #expect(
            config.warnings.map(\.warningDescription) == [
                directory.path + "/rules/r.yaml:4:60: warning: 2 branches will never be scored: "
                    + "a score needs min_peers (3) other branches of the same group, and these "
                    + "groups have fewer than 4: \"south\" (b1, b2); lower min_peers or group "
                    + "them differently"
            ])
    }

    @Test func backtestNamesTheBranchesItNeverScoredAndLeavesThemOutOfTheRate() throws {
        let directory = try TemporaryDirectory()
        let config = try config(in: directory)
        try TimeZoneSetting.apply("UTC")
        var samples: [Sample] = []
        for day in 0..<20 {
            let time = 1_709_251_200 + Int64(day) * 86_400
            for branch in ["a1", "a2", "a3", "a4", "b1", "b2", "c1"] {
                samples.append(
                    Sample(
                        timestamp: time, branch: branch, metric: "sales",
                        value: Double(100 + (day + branch.count) % 3)))
            }
        }
        let backtest = Backtest(rules: config.rules, samples: samples)
        let summary = try #require(backtest.summaries.first)
        #expect(summary.branchesScored == 4)
        #expect(summary.branchesNeverScored == ["b1", "b2", "c1"])
        #expect(abs(summary.branchMonths - 4 * 20 / 30.4375) < 1e-12)
        #expect(abs(summary.unscoredBranchMonths - 3 * 20 / 30.4375) < 1e-12)
        #expect(
            backtest.neverScoredNote(summary)
                == "alone: 3 of 7 branches never scored (2.0 branch-months left out of its "
                + "rate): b1, b2, c1; not in the branch list: c1; in groups with fewer than "
                + "min_peers + 1 = 4 branches: \"south\"")
    }
}
