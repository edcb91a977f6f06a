// Routes in the config: conditions over labels only, known notifiers, errors where they are.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

@Suite struct RouteLoadingTests {
    static let rules = """
        rules:
          - { name: high, metric: sales, when: value > 100, notify: [hook] }
        """

    @Test func routeMistakesAreReportedAtTheirColumns() throws {
        do {
            _ = try RuleFixture(
                rules: Self.rules,
                extra: """
                    routes:
                      - { when: 'z > 3 or severty == "critical"', notify: [chta] }
                      - { when: severity == "critical", notfy: [chat] }
                    """)
            Issue.record("the routes were accepted")
        } catch let error as ConfigError {
            let found = error.diagnostics.map {
                "\($0.mark.line):\($0.mark.column): \($0.message)"
            }
            #expect(
                found == [
                    "11:14: in \"when\": \"z\" is a score; here only labels, branch, metric, "
                        + "rule and severity can be used",
                    "11:23: in \"when\": unknown name \"severty\" (did you mean \"severity\"?)",
                    "11:56: no notifier named \"chta\" in the config (did you mean \"chat\"?)",
                    "12:37: unknown key \"notfy\" (did you mean \"notify\"?)",
                    "12:5: missing required key \"notify\"",
                ])
        }
    }

    @Test func labelNamesAreTheDeclaredOnesAndThoseRulesAdd() throws {
        let fixture = try RuleFixture(
            rules: """
                rules:
                  - { name: high, metric: sales, when: value > 100, labels: { team: ops },
                      notify: [hook] }
                """,
            extra: """
                routes:
                  - { when: 'team == "ops" and region == "East"', notify: [chat] }
                """)
        #expect(fixture.config.labelNames == ["region", "team"])
    }

    @Test func aRouteMatchesOnSeverityAndLabels() throws {
        let fixture = try RuleFixture(
            rules: Self.rules,
            extra: """
                routes:
                  - { when: 'severity == "warning" and region != "West"', notify: [chat] }
                """)
        var event = AlertEvent(
            status: .firing, rule: "high", severity: .warning, branch: "B1", metric: "sales",
            value: 120, expected: 50, z: 3, pctChange: 1.4, timestamp: 0, message: "",
            labels: ["region": "East"])
        let routes = fixture.config.routes
        #expect(
            Route.notifiers(for: event, ruleNotifiers: ["hook"], routes: routes) == [
                "hook", "chat",
            ])
        event.labels["region"] = "West"
        #expect(Route.notifiers(for: event, ruleNotifiers: ["hook"], routes: routes) == ["hook"])
    }
}
