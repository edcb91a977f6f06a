// Mistakes in rule files come back as file:line:column with a reason a person can act on.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct RuleFileErrorTests {
    /// Loads a config whose single rule file holds `rule`, and returns the problems found.
    /// The config declares the label `region` by mapping a column to it.
    func problems(in rule: String) throws -> [String] {
        let directory = try TemporaryDirectory()
        try directory.write("rules/sales.yaml", rule)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            inbox: { path: inbox, columns: { 区域: region, 日期: date } }
            rules: [rules/*.yaml]
            notifiers:
              hook: { type: webhook, url: "http://127.0.0.1:9/hook" }
            """)
        do {
            _ = try ConfigLoader.load(path)
            return []
        } catch {
            let prefix = directory.path + "/"
            return error.diagnostics.map {
                $0.description.replacingOccurrences(of: prefix, with: "")
            }
        }
    }

    @Test func misspelledKeyNamesTheSpotAndTheNearestKey() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metirc: sales
                    detector: { type: ewma }
                    when: z <= -3
                    notify: [hook]
                """)
        #expect(
            found.contains(
                "rules/sales.yaml:3:5: unknown key \"metirc\" (did you mean \"metric\"?)"),
            "\(found)")
        #expect(found.contains("rules/sales.yaml:2:5: missing required key \"metric\""))
    }

    @Test func conditionErrorPointsAtTheColumnInsideTheExpression() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metric: sales
                    detector: { type: ewma }
                    when: z <= -3 and pct_chnge < -20%
                    notify: [hook]
                """)
        try #require(found.count == 1, "\(found)")
        // The expression starts at column 11; pct_chnge is its 13th character.
        #expect(
            found[0].hasPrefix("rules/sales.yaml:5:23: in \"when\": unknown name \"pct_chnge\""))
        #expect(found[0].contains("did you mean \"pct_change\"?"))
    }

    @Test func outOfRangeParameterAndUnknownNotifierAreBothReported() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metric: sales
                    detector: { type: ewma, alpha: 1.5 }
                    when: z <= -3
                    notify: [hok]
                """)
        #expect(
            found == [
                "rules/sales.yaml:4:36: \"alpha\" must be a number from 0.0001 to 1, found \"1.5\"",
                "rules/sales.yaml:6:14: no notifier named \"hok\" in the config (did you mean \"hook\"?)",
            ])
    }

    @Test func brokenYAMLIsReportedWhereTheParserStopped() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metric: [sales
                    when: z <= -3
                """)
        try #require(found.count == 1, "\(found)")
        #expect(found[0].hasPrefix("rules/sales.yaml:"))
        #expect(found[0].contains("not valid YAML"))
    }

    @Test func templateWithUnknownPlaceholderIsRefused() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metric: sales
                    detector: { type: ewma }
                    when: z <= -3
                    message: "{{brnch}} fell"
                    notify: [hook]
                """)
        try #require(found.count == 1, "\(found)")
        #expect(found[0].hasPrefix("rules/sales.yaml:6:15: in \"message\": unknown placeholder"))
        #expect(found[0].contains("did you mean \"{{branch}}\"?"))
    }

    @Test func doubledKeywordSaysWhatWasExpectedNotAScoreName() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metric: sales
                    detector: { type: ewma }
                    when: z <= -4 and and pct_change < 0
                    notify: [hook]
                """)
        #expect(
            found == [
                "rules/sales.yaml:5:23: in \"when\": expected a number or a name "
                    + "here, found the word \"and\""
            ])
    }

    @Test func everyErrorOfEveryRuleInAFileIsReportedAtOnce() throws {
        let found = try problems(
            in: """
                rules:
                  - name: sales-drop
                    metric: sales
                    when: zz <= -3 and pct_chnge < -20%
                    clear_when: region < "East"
                    message: "{{brnch}} at {{value | 0.0.0}}"
                    notify: [hook]
                  - name: sales-silent
                    metric: sales
                    detector: { type: absent }
                    when: 'age > 2 or branch == "B07'
                    notify: [hook]
                """)
        #expect(
            found == [
                "rules/sales.yaml:4:11: in \"when\": unknown name \"zz\" (did you mean \"z\"?)",
                "rules/sales.yaml:4:24: in \"when\": unknown name \"pct_chnge\" (did you mean "
                    + "\"pct_change\"?)",
                "rules/sales.yaml:5:24: in \"clear_when\": text can only be compared with == "
                    + "or !=, not \"<\"",
                "rules/sales.yaml:6:15: in \"message\": unknown placeholder \"{{brnch}}\" (did "
                    + "you mean \"{{branch}}\"?); known names: branch, metric, rule, severity, "
                    + "timestamp, value, expected, std, z, pct_change, region; a label must be "
                    + "listed under inbox.labels in the config, or written {{labels.brnch}}",
                "rules/sales.yaml:6:28: in \"message\": unknown format \"0.0.0\" for \"value\"; "
                    + "use 0, 0.0, 0.00 (decimals), 0%, 0.0% (percentages) or percent",
                "rules/sales.yaml:11:33: in \"when\": the string is not closed by a \" quote",
            ])
    }
}
