// The status page's order and limits: worst branches first, capped lists that say so.
import Testing

@testable import BranchWatch

@Suite struct StatusPageTests {
    static func alert(_ branch: String, _ severity: String, _ magnitude: Double?) -> AlertView {
        AlertView(
            rule: "r-\(severity)", branch: branch, metric: "sales", severity: severity, since: 0,
            value: nil, expected: nil, points: [], magnitude: magnitude)
    }

    @Test func branchesGoBySeverityThenMagnitudeWorstFirst() {
        let alerts = [
            Self.alert("A", "warning", 9), Self.alert("B", "critical", 2),
            Self.alert("C", "critical", 7), Self.alert("D", "info", 50),
            Self.alert("D", "critical", 1), Self.alert("E", "warning", nil),
        ]
        let order = StatusPage.worstFirst(alerts)
        #expect(order.map(\.branch) == ["C", "B", "D", "A", "E"])
        #expect(order[2].alerts.map(\.severity) == ["critical", "info"])
    }

    @Test func longListsAreCappedAndSaySo() {
        var snapshot = ServiceSnapshot(startedAt: 0)
        snapshot.firingAlerts = (0..<130).map {
            Self.alert("B\($0)", "warning", Double($0))
        }
        snapshot.outbox.depth = 503
        snapshot.outbox.oldestCreatedAt = 900
        snapshot.outbox.entries = (0..<50).map {
            OutboxLine(
                eventKey: "k\($0)", notifier: "n", attempts: 1, createdAt: 900,
                nextAttemptAt: 1000, lastError: "")
        }
        let html = StatusPage.html(snapshot, now: 1000)
        #expect(html.components(separatedBy: "<article class=\"branch\"").count - 1 == 100)
        #expect(html.contains("and 30 more branches with firing alerts"))
        // The worst (highest magnitude) are the ones shown.
        #expect(html.contains("data-branch=\"B129\""))
        #expect(!html.contains("data-branch=\"B29\""))
        #expect(html.contains("503 messages waiting; the oldest for 100 s; showing 50 of 503."))
    }

    @Test func silencesShowWhoUntilAndWhyEscaped() {
        var snapshot = ServiceSnapshot(startedAt: 0)
        snapshot.silences = [
            Silence(
                id: 3, branch: "B07", labels: ["region": "East"], endsAt: 86_400,
                reason: "refit <b>", createdBy: "ops")
        ]
        let html = StatusPage.html(snapshot, now: 1000)
        #expect(html.contains("<td>3</td><td>branch=B07 region=East</td>"))
        #expect(html.contains("<td>ops</td><td>refit &lt;b&gt;</td>"))
        #expect(StatusPage.html(ServiceSnapshot(startedAt: 0), now: 0).contains("No silence"))
    }
}
