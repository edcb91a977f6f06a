// for, clear_when, repeat, labels and annotations, through the evaluator the daemon runs.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct AlertLifecycleTests {
    /// A rule on the raw value: the ewma detector learns from the first sample only.
    static func rule(_ lines: String) -> String {
        """
        rules:
          - name: high
            metric: sales
            detector: { type: ewma, warmup: 1 }
            notify: [hook]
        \(lines)
        """
    }

    /// (day, status) of each event, reminders marked.
    func timeline(_ fixture: RuleFixture, _ values: [Double]) -> [String] {
        let evaluation = Evaluator(rules: fixture.config.rules).evaluate(
            RuleFixture.daily(values), base: EngineState())
        return evaluation.events.map { event in
            let status = event.isReminder ? "reminder" : event.status.rawValue
            return "\(RuleFixture.day(of: event)) \(status)"
        }
    }

    @Test func forCountNeedsThatManyEvaluationsInARow() throws {
        let fixture = try RuleFixture(rules: Self.rule("    when: value > 100\n    for: 3"))
        // Two high days, a dip, then three in a row: only the second run fires.
        #expect(
            timeline(fixture, [50, 120, 120, 90, 120, 120, 120, 120, 50])
                == ["6 firing", "8 resolved"])
    }

    @Test func forDurationNeedsTheConditionToHoldThatLong() throws {
        let fixture = try RuleFixture(rules: Self.rule("    when: value > 100\n    for: 2d"))
        // Held from day 1: day 3 is two days later.
        #expect(timeline(fixture, [50, 120, 120, 120, 120, 50]) == ["3 firing", "5 resolved"])
    }

    @Test func clearWhenKeepsTheAlertFiringUntilItHolds() throws {
        let fixture = try RuleFixture(
            rules: Self.rule("    when: value > 100\n    clear_when: value < 80"))
        // Without clear_when this would fire at 1, resolve at 2, fire at 3, resolve at 4.
        #expect(
            timeline(fixture, [50, 110, 95, 105, 85, 75, 105]) == [
                "1 firing", "5 resolved", "6 firing",
            ])
    }

    @Test func repeatRemindsWhileFiringOnTheDataClock() throws {
        let fixture = try RuleFixture(
            rules: Self.rule("    when: value > 100\n    repeat: 2d"))
        #expect(
            timeline(fixture, [50, 120, 120, 120, 120, 120, 120, 50]) == [
                "1 firing", "3 reminder", "5 reminder", "7 resolved",
            ])
    }

    @Test func labelsAndAnnotationsAreRenderedPerAlert() throws {
        let fixture = try RuleFixture(
            rules: Self.rule(
                """
                    when: value > 100
                    severity: critical
                    labels: { team: ops, region: "{{region}}" }
                    annotations:
                      summary: "{{branch}} at {{value | 0.0}} ({{pct_change | 0%}})"
                """))
        let evaluator = Evaluator(rules: fixture.config.rules) { sample in
            ["region": sample.branch == "B07" ? "East" : "West", "city": "Quito"]
        }
        let events = evaluator.evaluate(RuleFixture.daily([100, 150]), base: EngineState())
            .events
        try #require(events.count == 1)
        #expect(events[0].labels == ["team": "ops", "region": "East", "city": "Quito"])
        #expect(events[0].annotations == ["summary": "B07 at 150.0 (+50%)"])
        #expect(events[0].severity == .critical)
    }

    @Test(arguments: [
        (
            "    for: 0",
            "5:10: \"for\" must be a number of evaluations from 1 to 10000, or a "
                + "duration with a unit such as 6h or 2d, found \"0\""
        ),
        (
            "    repeat: 30",
            "5:13: \"repeat\" must be a duration with a unit, from 1m to 400d, "
                + "such as 12h or 1d, found \"30\""
        ),
        ("    labels: [ops]", "5:13: \"labels\" must map names to texts, found a list"),
        (
            "    annotations: { summary: \"{{brnch}}\" }",
            "5:30: in \"annotations.summary\": "
                + "unknown placeholder \"{{brnch}}\" (did you mean \"{{branch}}\"?); known names: "
                + "branch, metric, rule, severity, timestamp, value, expected, std, z, "
                + "pct_change, region; a label must be listed under inbox.labels in the "
                + "config, or written {{labels.brnch}}"
        ),
        (
            "    inhibit: \"region x\"",
            "5:15: \"inhibit\" must name a label, such as region, found \"region x\""
        ),
    ])
    func lifecycleKeysAreChecked(line: String, expected: String) throws {
        let text = """
            rules:
              - name: high
                metric: sales
                when: value > 100
            \(line)
                notify: [hook]
            """
        do {
            _ = try RuleFixture(rules: text)
            Issue.record("accepted: \(line)")
        } catch let error as ConfigError {
            let found = error.diagnostics.map {
                "\($0.mark.line):\($0.mark.column): \($0.message)"
            }
            #expect(found == [expected])
        }
    }
}
