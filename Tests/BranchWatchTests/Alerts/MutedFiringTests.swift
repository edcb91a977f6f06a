// A firing that was muted stays owed: sent when the mute lifts, and its "resolved" muted.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct MutedFiringTests {
    /// `high` fires above 100 and takes its regions from the `region` label.
    static let rules = """
        rules:
          - name: high
            metric: sales
            detector: { type: ewma, warmup: 1 }
            when: value > 100
            inhibit: region
            notify: [hook]
        """

    static let regions = ["B1": "East", "B2": "East", "East": "East"]

    /// Applies one day's values with a fresh engine (as after a restart) and returns the
    /// webhook events it queued, as "branch status" in branch order.
    static func day(
        _ day: Int, _ values: [String: Double], fixture: RuleFixture,
        before: (StateStore) throws -> Void = { _ in }
    ) throws -> [String] {
        let engine = try Engine(
            config: fixture.config, logger: Logger(subsystem: "test", level: .critical),
            labels: { ["region": regions[$0.branch] ?? ""] })
        try before(engine.store)
        let queued = Set(try engine.store.outboxEntries().map(\.id))
        var lines = ["timestamp,branch,metric,value"]
        for (branch, value) in values.sorted(by: { $0.key < $1.key }) {
            lines.append("2024-03-0\(day + 1),\(branch),sales,\(Int(value))")
        }
        try fixture.directory.write("inbox/day\(day).csv", lines.joined(separator: "\n") + "\n")
        engine.processPendingFiles()
        return try engine.store.outboxEntries().filter { !queued.contains($0.id) }.map {
            entry in
            let branch = ["B1", "B2", "East"].first {
                entry.payload.contains("\"branch\":\"\($0)\"")
            }
            let status = entry.payload.contains("\"status\":\"firing\"") ? "firing" : "resolved"
            return "\(branch ?? "?") \(status)"
        }.sorted()
    }

    @Test func anInhibitedFiringIsSentWhenTheRegionResolvesAndItsResolutionOnlyThen() throws {
        let fixture = try RuleFixture(rules: Self.rules)
        _ = try Self.day(0, ["B1": 50, "B2": 50, "East": 50], fixture: fixture)
        #expect(
            try Self.day(1, ["B1": 150, "B2": 150, "East": 300], fixture: fixture) == [
                "East firing"
            ])
        // East resolves: B1 resolves too, and nobody heard it fire, so that stays quiet;
        // B2 still fires, no longer inhibited, so its firing goes out now.
        #expect(
            try Self.day(2, ["B1": 50, "B2": 150, "East": 50], fixture: fixture) == [
                "B2 firing", "East resolved",
            ])
        #expect(try Self.day(3, ["B2": 50], fixture: fixture) == ["B2 resolved"])
    }

    @Test func aFiringMutedByASilenceIsSentAtTheFirstEvaluationAfterItEnds() throws {
        let fixture = try RuleFixture(rules: Self.rules)
        _ = try Self.day(0, ["B1": 50], fixture: fixture)
        var id: Int64 = 0
        let muted = try Self.day(1, ["B1": 150], fixture: fixture) { store in
            // `silence add` warns about a branch that never reported.
            let seen = try (store.hasSeen(branch: "B1"), store.hasSeen(branch: "B9"))
            #expect(seen == (true, false))
            id = try store.addSilence(
                Silence(branch: "B1", endsAt: Date().timeIntervalSince1970 + 3600, reason: "x"))
        }
        #expect(muted.isEmpty)
        let sent = try Self.day(2, ["B1": 160], fixture: fixture) { store in
            let expired = try store.expireSilence(id: id, at: Date().timeIntervalSince1970)
            #expect(expired)
        }
        #expect(sent == ["B1 firing"])
        #expect(try Self.day(3, ["B1": 170], fixture: fixture).isEmpty, "no repeat is set")
        #expect(try Self.day(4, ["B1": 50], fixture: fixture) == ["B1 resolved"])
    }

    @Test func aFiringStillSilencedStaysOwedAndItsResolutionIsMuted() throws {
        let fixture = try RuleFixture(rules: Self.rules)
        _ = try Self.day(0, ["B1": 50], fixture: fixture) { store in
            _ = try store.addSilence(
                Silence(branch: "B1", endsAt: Date().timeIntervalSince1970 + 3600, reason: "x"))
        }
        #expect(try Self.day(1, ["B1": 150], fixture: fixture).isEmpty)
        #expect(try Self.day(2, ["B1": 150], fixture: fixture).isEmpty)
        #expect(try Self.day(3, ["B1": 50], fixture: fixture).isEmpty)
    }
}
