// Delivery durations in the config accept units, and say so when they are wrong.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct DurationConfigTests {
    func load(delivery: String) throws -> Config {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/none.yaml",
            "rules:\n  - { name: r, metric: m, detector: { type: ewma }, when: z > 9, notify: [c] }\n"
        )
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { c: { type: console } }
            delivery: \(delivery)
            """)
        return try ConfigLoader.load(path)
    }

    @Test func unitsAreSecondsMinutesHoursAndMilliseconds() throws {
        let config = try load(
            delivery: "{ timeout: 1500ms, once_deadline: 2m, initial_backoff: 3, max_backoff: 1h }")
        #expect(config.delivery.requestTimeout == 1.5)
        #expect(config.delivery.onceDeadline == 120)
        #expect(config.delivery.initialBackoff == 3)
        #expect(config.delivery.maximumBackoff == 3600)
    }

    @Test func unknownUnitIsAnErrorThatShowsTheForm() throws {
        do {
            _ = try load(delivery: "{ timeout: 5 minutes }")
            Issue.record("a timeout of \"5 minutes\" was accepted")
        } catch let error as ConfigError {
            let message = try #require(error.diagnostics.first?.message)
            #expect(message.contains("\"timeout\" must be a duration such as 30s, 2m or 1h"))
            #expect(error.diagnostics.first?.mark.line == 5)
        }
    }
}
