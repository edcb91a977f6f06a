// Config mistakes are reported once, where they are, in line order.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct ConfigLoaderTests {
    func problems(config: String, rules: String) throws -> [String] {
        let directory = try TemporaryDirectory()
        try directory.write("rules/a.yaml", rules)
        let path = try directory.write("branchwatch.yaml", config)
        do {
            _ = try ConfigLoader.load(path)
            return []
        } catch {
            let prefix = directory.path + "/"
            return error.description.split(separator: "\n").map {
                $0.replacingOccurrences(of: prefix, with: "")
            }
        }
    }

    static let rule = """
        rules:
          - { name: r, metric: m, detector: { type: ewma }, when: z > 3, notify: [hook] }
        """

    @Test func notifierWithAnUnknownTypeIsReportedOnceNotAtEveryRule() throws {
        let found = try problems(
            config: """
                inbox: { path: inbox }
                rules: [rules/*.yaml]
                notifiers:
                  hook: { type: pager, url: "http://127.0.0.1:9/" }
                """,
            rules: Self.rule)
        try #require(found.count == 1, "\(found)")
        #expect(found[0].hasPrefix("branchwatch.yaml:4:17: unknown notifier type \"pager\""))
    }

    @Test func patternThatMatchesNothingIsReportedAtItsOwnLine() throws {
        let found = try problems(
            config: """
                inbox: { path: inbox }
                rules:
                  - rules/*.yaml
                  - more/*.yaml
                notifiers: { hook: { type: console } }
                """,
            rules: Self.rule)
        #expect(found == ["branchwatch.yaml:4:5: no rule file matches \"more/*.yaml\""])
    }

    @Test func configWithoutAnyRuleIsRefused() throws {
        let found = try problems(
            config: """
                inbox: { path: inbox }
                rules: [rules/*.yaml]
                notifiers: { hook: { type: console } }
                """,
            rules: "rules: []\n")
        #expect(
            found == [
                "branchwatch.yaml:2:8: no rules were found in the rule files; add at least one rule"
            ])
    }

    @Test func problemsAreListedInLineOrder() throws {
        let found = try problems(
            config: """
                inbox: { path: inbox }
                rules: [rules/*.yaml]
                log_level: chatty
                notifiers: { hook: { type: console } }
                timezone: Mars/Olympus
                """,
            rules: Self.rule)
        let lines = found.compactMap { Int($0.split(separator: ":")[1]) }
        #expect(lines == [3, 5])
    }
}

@Suite struct MetricSpellingWarningTests {
    @Test func aRuleOnACapitalisedMetricIsWarnedWithTheSpellingDropsUse() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/a.yaml",
            """
            rules:
              - { name: r, metric: [Net Sales, sales], detector: { type: ewma }, when: z > 3,
                  notify: [hook] }
            """)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { hook: { type: console } }
            """)
        let config = try ConfigLoader.load(path)
        let messages = config.warnings.map(\.message)
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.hasPrefix("metric \"Net Sales\" reads as \"net_sales\"") == true)
        #expect(config.warnings.first?.mark.line == 2)
    }
}
