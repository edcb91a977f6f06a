// Grouping, routing, silences and inhibition, driven through the engine the daemon runs.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct DeliveryPlanTests {
    static let quiet = Logger(subsystem: "test", level: .critical)

    /// Rules on the raw value: `high` (critical) and `low` (warning).
    static let rules = """
        rules:
          - name: high
            metric: sales
            detector: { type: ewma, warmup: 1 }
            when: value > 100
            severity: critical
            message: "{{branch}} sold {{value}}"
            notify: [hook, chat]
          - name: low
            metric: sales
            detector: { type: ewma, warmup: 1 }
            when: value < 10
            message: "{{branch}} sold {{value}}"
            notify: [hook]
        """

    /// A drop of day 0 (learning) and day 1 (`values` by branch).
    static func drop(_ values: [String: Double]) -> String {
        var lines = ["timestamp,branch,metric,value"]
        for (branch, value) in values.sorted(by: { $0.key < $1.key }) {
            lines.append("2024-03-01,\(branch),sales,50")
            lines.append("2024-03-02,\(branch),sales,\(Int(value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Applies `drop` and returns the outbox as (notifier, payload) pairs.
    static func outbox(
        _ fixture: RuleFixture, drop: String, labels: @escaping LabelLookup = { _ in [:] },
        logger: Logger = quiet, before: (StateStore) throws -> Void = { _ in }
    ) throws -> [(notifier: String, payload: String)] {
        let engine = try Engine(config: fixture.config, logger: logger, labels: labels)
        // The CLI's own connection, as `branchwatch silence add` opens while the daemon runs.
        try before(try StateStore(path: fixture.config.databasePath))
        try fixture.directory.write("inbox/d.csv", drop)
        engine.processPendingFiles()
        return try engine.store.outboxEntries().map { ($0.notifier, $0.payload) }
    }

    @Test func oneRulesAlertsOfOneStepGoOutAsOneChatMessageWorstFirst() throws {
        let fixture = try RuleFixture(rules: Self.rules)
        let entries = try Self.outbox(
            fixture, drop: Self.drop(["B1": 150, "B2": 400, "B3": 200, "B4": 5]))
        let chat = entries.filter { $0.notifier == "chat" }
        try #require(chat.count == 1, "\(entries)")
        let text = chat[0].payload
        #expect(text.contains("FIRING high [critical] at 3 branches"), "\(text)")
        let order = ["B2 sold 400", "B3 sold 200", "B1 sold 150"].map {
            text.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "\(text)")
        // The webhook keeps one object per event: three for `high`, one for `low`.
        #expect(entries.filter { $0.notifier == "hook" }.count == 4)
    }

    @Test func routesAddNotifiersBySeverityAndLabels() throws {
        let fixture = try RuleFixture(
            rules: Self.rules.replacingOccurrences(
                of: "notify: [hook, chat]", with: "notify: [hook]"),
            extra: """
                routes:
                  - { when: 'severity == "critical"', notify: [chat] }
                  - { when: 'region == "East" and rule == "low"', notify: [chat] }
                """)
        let entries = try Self.outbox(
            fixture, drop: Self.drop(["B1": 150, "B4": 5, "B5": 5]),
            labels: { ["region": $0.branch == "B4" ? "East" : "West"] })
        let chat = entries.filter { $0.notifier == "chat" }.map(\.payload)
        #expect(chat.count == 2, "\(chat)")
        #expect(chat.contains { $0.contains("FIRING high [critical] at B1") })
        #expect(chat.contains { $0.contains("FIRING low [warning] at B4") })
        #expect(!chat.contains { $0.contains("B5") })
        #expect(entries.filter { $0.notifier == "hook" }.count == 3)
    }

    @Test func silencesMuteMatchingAlertsUntilTheyEndOrExpire() throws {
        let fixture = try RuleFixture(rules: Self.rules)
        let capture = LogCapture()
        var expiredID: Int64 = 0
        let entries = try Self.outbox(
            fixture, drop: Self.drop(["B1": 150, "B2": 160, "B3": 170, "B4": 5]),
            labels: { ["region": $0.branch == "B3" ? "East" : "West"] },
            logger: capture.logger(level: .info)
        ) { store in
            let now = Date().timeIntervalSince1970
            _ = try store.addSilence(
                Silence(branch: "B1", endsAt: now + 3600, reason: "refit", createdBy: "amy"))
            _ = try store.addSilence(
                Silence(
                    rule: "high", labels: ["region": "East"], endsAt: now + 3600,
                    reason: "storm"))
            _ = try store.addSilence(Silence(rule: "low", endsAt: now - 1, reason: "ended"))
            expiredID = try store.addSilence(
                Silence(branch: "B2", endsAt: now + 3600, reason: "mistake"))
            #expect(try store.expireSilence(id: expiredID, at: now))
        }
        let hooks = entries.filter { $0.notifier == "hook" }.map(\.payload)
        #expect(hooks.count == 2, "\(hooks)")
        #expect(hooks.contains { $0.contains(#""branch":"B2""#) })
        #expect(hooks.contains { $0.contains(#""branch":"B4""#) })
        let muted = capture.lines.filter { $0.contains("alert muted") }
        #expect(muted.count == 2, "\(muted)")
        #expect(muted.contains { $0.contains("branch=B1") && $0.contains("(refit)") })
        #expect(muted.contains { $0.contains("branch=B3") && $0.contains("(storm)") })
    }

    @Test func aFiringRegionWideAlertMutesTheSameRulesBranchesInThatRegion() throws {
        let fixture = try RuleFixture(
            rules: Self.rules.replacingOccurrences(
                of: "severity: critical", with: "severity: critical\n    inhibit: region"))
        // East and West are the regions' own totals, reported under the region's name.
        let regions = ["B1": "East", "B2": "East", "B3": "West", "East": "East", "West": "West"]
        let entries = try Self.outbox(
            fixture, drop: Self.drop(["B1": 150, "B2": 160, "B3": 170, "East": 300, "West": 90]),
            labels: { ["region": regions[$0.branch] ?? ""] })
        let hooks = entries.filter { $0.notifier == "hook" }.map(\.payload)
        let branches = hooks.compactMap { payload in
            ["B1", "B2", "B3", "East"].first { payload.contains("\"branch\":\"\($0)\"") }
        }
        // East fires and mutes B1 and B2; West does not fire, so B3 is sent.
        #expect(branches.sorted() == ["B3", "East"], "\(hooks)")
    }
}
