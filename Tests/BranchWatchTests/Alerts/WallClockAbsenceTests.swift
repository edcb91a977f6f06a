// absent rules on the wall clock: a feed that stops for every branch at once still alerts.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

@Suite struct WallClockAbsenceTests {
    /// 2024-03-01T00:00:00Z.
    static let start: Int64 = 1_709_251_200
    static let day: Int64 = 86_400

    static func rule() throws -> Rule {
        Rule(
            name: "silent", metrics: ["sales"], detector: .absent(AbsentDetector()),
            condition: try Condition("age >= 3d", scores: [.value, .age]), forCount: 1,
            severity: .warning,
            message: try MessageTemplate("{{branch}} {{age}}", scores: [.value, .age]), notify: [],
            file: "test",
            mark: SourceMark(line: 1, column: 1))
    }

    /// The state after `branches` report daily for `days` days, each until its own last day.
    static func state(_ lastDay: [String: Int64], evaluator: Evaluator) -> EngineState {
        var samples: [Sample] = []
        for (branch, last) in lastDay {
            for day in 0...last {
                samples.append(
                    Sample(
                        timestamp: start + day * Self.day, branch: branch, metric: "sales", value: 5
                    ))
            }
        }
        var state = EngineState()
        let evaluation = evaluator.evaluate(samples, into: &state)
        #expect(evaluation.events.isEmpty)
        return state
    }

    @Test func aFeedThatStopsEverywhereFiresOnTheWallClock() throws {
        try TimeZoneSetting.apply("UTC")
        let evaluator = Evaluator(rules: [try Self.rule()])
        let state = Self.state(["b1": 9, "b2": 9, "b3": 7], evaluator: evaluator)
        // Day 11, noon: the newest value (day 9) is 2.5 days old, short of the rule's 3.
        let early = evaluator.checkAbsence(at: Self.start + 11 * Self.day + 43_200, base: state)
        #expect(early.events.isEmpty)
        // Day 13: the feed is 4 days old; b3 (silent since day 7) is 6 days old.
        let late = evaluator.checkAbsence(at: Self.start + 13 * Self.day, base: state)
        #expect(late.events.map(\.branch).sorted() == ["b1", "b2", "b3"])
        #expect(late.events.allSatisfy { $0.status == .firing })
        #expect(late.events.map(\.message).sorted() == ["b1 4", "b2 4", "b3 6"])
    }

    @Test func aSingleSeriesFiresOnTheWallClock() throws {
        try TimeZoneSetting.apply("UTC")
        let evaluator = Evaluator(rules: [try Self.rule()])
        let state = Self.state(["only": 20], evaluator: evaluator)
        let result = evaluator.checkAbsence(at: Self.start + 23 * Self.day, base: state)
        #expect(result.events.map(\.branch) == ["only"])
    }

    /// While one branch still reports, ages stay on the data clock: the wall clock adds
    /// nothing, so an export that lags a day does not age every branch by a day.
    @Test func aLiveFeedIsLeftToTheDataClock() throws {
        try TimeZoneSetting.apply("UTC")
        let evaluator = Evaluator(rules: [try Self.rule()])
        let state = Self.state(["b1": 20, "b2": 18], evaluator: evaluator)
        let result = evaluator.checkAbsence(at: Self.start + 22 * Self.day, base: state)
        #expect(result.events.isEmpty)
    }

    /// The engine commits the alert to the outbox, and a second check sends nothing more.
    @Test func theEngineQueuesTheAlertOnce() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: silent
                metric: sales
                detector: { type: absent }
                when: age >= 3d
                notify: [hook]
            """)
        let config = try ConfigLoader.load(
            try directory.write(
                "branchwatch.yaml",
                "state_dir: state\ntimezone: UTC\ninbox: { path: inbox }\n"
                    + "rules: [rules/r.yaml]\nnotifiers: { hook: { type: console } }\n"))
        try directory.write(
            "inbox/a.csv",
            "timestamp,branch,metric,value\n2024-03-01,b1,sales,5\n2024-03-01,b2,sales,6\n"
                + "2024-03-02,b1,sales,5\n2024-03-02,b2,sales,6\n")
        let engine = try Engine(config: config, logger: Logger(subsystem: "test", level: .error))
        _ = engine.processPendingFiles()
        #expect(try engine.store.outboxEntries().isEmpty)
        let now = Double(Self.start + 10 * Self.day)
        #expect(engine.checkAbsence(now: now) == 2)
        #expect(try engine.store.outboxEntries().count == 1)
        #expect(engine.checkAbsence(now: now + 300) == 0)
    }
}
