// Rule tests in YAML: the repository's own pass, and a wrong expectation shows a clear diff.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite(.serialized) struct RuleTestRunnerTests {
    @Test func theRepositorysRuleTestsPass() throws {
        let folder = RepositoryConfigTests.root + "/rules/tests"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == ["complaints.yaml", "transactions.yaml"])
        for name in files {
            let file = try RuleTestFile.load(folder + "/" + name)
            #expect(!file.cases.isEmpty)
            for result in RuleTestRunner.run(file) {
                #expect(result.passed, "\(name): \(result.name)")
            }
        }
    }

    static let rules = """
        rules:
          - name: high
            metric: sales
            detector: { type: ewma, warmup: 1 }
            when: value > 100
            repeat: 2d
            notify: [somewhere]
        """

    @Test func aWrongExpectationShowsWhatWasMissingAndWhatCameInstead() throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/high.yaml", Self.rules)
        let path = try directory.write(
            "tests/high.yaml",
            """
            rule_files: [../rules/high.yaml]
            tests:
              - name: fires on the third day
                start: 2024-03-01
                series:
                  - { branch: B07, metric: sales, labels: { region: East }, values: "50 90 120 130 140 _ 80" }
                alerts:
                  - { rule: high, branch: B07, at: 2, status: firing }
                  - { rule: high, branch: B07, at: 5, status: reminder }
                  - { rule: high, branch: B07, at: 7, status: resolved }
            """)
        let file = try RuleTestFile.load(path)
        let results = RuleTestRunner.run(file)
        try #require(results.count == 1)
        #expect(!results[0].passed)
        let report = RuleTestRunner.report(
            results[0], file: "tests/high.yaml", start: file.cases[0].start,
            interval: file.cases[0].interval)
        #expect(
            report == """
                tests/high.yaml:3:5: test "fires on the third day": FAILED
                  (- expected but not produced, + produced but not expected)
                  - at 2 (2024-03-02T00:00:00Z): high B07 sales firing (value 90, expected 50, \
                z 40.0, pct_change +80.0%)
                  + at 3 (2024-03-03T00:00:00Z): high B07 sales firing (value 120, expected 54, \
                z 5.5, pct_change +122.2%)
                    at 5 (2024-03-05T00:00:00Z): high B07 sales reminder
                    at 7 (2024-03-07T00:00:00Z): high B07 sales resolved
                """)
    }

    /// The problems of a test file holding `tests` (after its `tests:` line) against
    /// `rules`, as "line:column: message", and the names of the tests that still read.
    static func problems(_ tests: String, rules: String = RuleTestRunnerTests.rules) throws
        -> (problems: [String], readable: [String])
    {
        let directory = try TemporaryDirectory()
        try directory.write("rules/high.yaml", rules)
        let path = try directory.write(
            "tests/high.yaml", "rule_files: [../rules/high.yaml]\ntests:\n" + tests)
        let file = try RuleTestFile.load(path)
        let found = file.problems.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        return (found, file.cases.map(\.name))
    }

    @Test func everyMistakeInATestIsReportedAtOnce() throws {
        let found = try Self.problems(
            """
              - name: typos
                series:
                  - { branch: B07, metric: sales, values: "50 9o 120" }
                alerts:
                  - { rule: hihg, branch: B7, at: 4, status: fired }
            """)
        #expect(
            found.problems == [
                "5:51: in \"values\": \"9o\" is not a number; " + Self.forms,
                "7:17: no rule \"hihg\" in this test (did you mean \"high\"?); known: high",
                "7:31: no series branch \"B7\" in this test (did you mean \"B07\"?); known: B07",
                "7:39: \"at\" must be a whole number from 1 to 3, found \"4\"",
                "7:50: unknown status \"fired\"; known: firing, resolved, reminder",
            ])
    }

    @Test func labelsTheSeriesCarryMayBeWrittenBareInTheRules() throws {
        let rules = Self.rules.replacingOccurrences(
            of: "value > 100", with: "value > 100 and region == \"East\"")
        let found = try Self.problems(
            """
              - name: east only
                series:
                  - { branch: B07, metric: sales, labels: { region: East }, values: "50 120" }
                  - { branch: B08, metric: sales, labels: { region: West }, values: "50 120" }
                alerts:
                  - { rule: high, branch: B07, at: 2, status: firing }
            """, rules: rules)
        #expect(found.problems.isEmpty)
        #expect(found.readable == ["east only"])
    }

    @Test func aBrokenTestIsReportedAndTheOthersStillRun() throws {
        let found = try Self.problems(
            """
              - name: metric typo
                series:
                  - { branch: B07, metric: sale, values: "50 120" }
                alerts: []
              - name: no metric
                series:
                  - { branch: B07, values: "50 120" }
                alerts:
                  - { rule: high, branch: B07, at: 2, status: firing }
              - name: fine
                series:
                  - { branch: B07, metric: sales, values: "50 120" }
                alerts:
                  - { rule: high, branch: B07, at: 2, status: firing }
            """)
        #expect(
            found.problems == [
                "5:32: no rule watches metric \"sale\" (did you mean \"sales\"?); watched: sales",
                "9:9: missing required key \"metric\"",
            ])
        #expect(found.readable == ["fine"])
    }

    @Test func aFailingTestShowsTheScoresWhereAlertsDiffer() throws {
        let rules = Self.rules.replacingOccurrences(of: "value > 100", with: "z > 3")
        let directory = try TemporaryDirectory()
        try directory.write("rules/high.yaml", rules)
        let path = try directory.write(
            "tests/high.yaml",
            """
            rule_files: [../rules/high.yaml]
            tests:
              - name: fires
                start: 2024-03-01
                series:
                  - { branch: B07, metric: sales, values: "50 52 60" }
                alerts:
                  - { rule: high, branch: B07, at: 2, status: firing }
            """)
        let file = try RuleTestFile.load(path)
        let result = try #require(RuleTestRunner.run(file).first)
        let report = RuleTestRunner.report(
            result, file: "t.yaml", start: file.cases[0].start, interval: file.cases[0].interval)
        let lines = report.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "  - at 2 (2024-03-02T00:00:00Z): high B07 sales firing "
                    + "(value 52, expected 50, z 2.0, pct_change +4.0%)"), "\(report)")
        #expect(lines.contains { $0.hasPrefix("  + at 3") && $0.contains("(value 60, ") })
    }

    static let forms = "write a number (12.5), NxK for N repeated K times (12x30) or _ for no value"

    @Test(arguments: [
        ("x", "5:48: in \"values\": \"x\" stands alone; write NxK without spaces, as 60x4"),
        ("60 x 4", "5:51: in \"values\": \"x\" stands alone; write NxK without spaces, as 60x4"),
        ("x4", "5:48: in \"values\": \"x4\" has no number before the x"),
        ("50 3x", "5:51: in \"values\": \"3x\" has no count after the x"),
        ("1x2x3", "5:48: in \"values\": \"1x2x3\" has more than one x"),
        ("7x0", "5:48: in \"values\": \"7x0\" needs a whole count from 1 to 100000 after the x"),
        ("nan", "5:48: in \"values\": \"nan\" is not a number"),
    ])
    func everyMalformedValueIsAnErrorAtItsColumn(values: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/high.yaml", Self.rules)
        let path = try directory.write(
            "tests/high.yaml",
            """
            rule_files: [../rules/high.yaml]
            tests:
              - name: bad values
                series:
                  - { branch: B07, metric: sales, values: "\(values)" }
                alerts: []
            """)
        let file = try RuleTestFile.load(path)
        let found = file.problems.map { "\($0.mark.line):\($0.mark.column): \($0.message)" }
        #expect(found == [expected + "; " + Self.forms])
        #expect(file.cases.isEmpty)
    }
}
