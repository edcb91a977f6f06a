// A burst of alerts to the generic webhook goes out side by side, not one by one.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct WebhookBurstTests {
    static let rules = """
        rules:
          - name: high
            metric: sales
            detector: { type: ewma, warmup: 1 }
            when: value > 100
            message: "{{branch}} sold {{value}}"
            notify: [hook]
        """

    @Test func oneRulesAlertsGoToAWebhookFourAtATimeInLanesPerBranch() throws {
        // Each answer takes 0.3 s, so requests that may overlap do.
        let sink = try SlowSink(delay: 0.3)
        defer { sink.stop() }
        let fixture = try RuleFixture(rules: Self.rules, sinkURL: sink.url(""))
        let branches = (1...8).map { "B\($0)" }
        let drop =
            "timestamp,branch,metric,value\n"
            + branches.map { "2024-03-01,\($0),sales,50\n2024-03-02,\($0),sales,150\n" }
            .joined()
        try fixture.directory.write("inbox/d.csv", drop)
        let engine = try Engine(config: fixture.config, logger: LogCapture().logger())
        engine.processPendingFiles()
        let queued = try engine.store.outboxEntries()
        #expect(queued.map(\.orderKey) == branches.map { "high/\($0)" })

        let deliverer = OutboxDeliverer(
            store: try StateStore(path: fixture.config.databasePath),
            notifiers: fixture.config.notifiers, settings: fixture.config.delivery,
            logger: LogCapture().logger())
        let report = try deliverer.deliverDue()

        #expect(report.delivered == 8)
        // One rule's lane would have kept a single request open; max_in_flight is 4.
        #expect(sink.peakOpen == 4)
        #expect(sink.received.count == 8)
    }

    @Test func aWebhookHasNoRateWindowOfItsOwn() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        try SendWindowTests.queue(30, for: "hook", in: store)
        let notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url("/hook"))
        let deliverer = OutboxDeliverer(
            store: store, notifiers: ["hook": notifier], settings: DeliverySettings(),
            logger: LogCapture().logger())

        let report = try deliverer.deliverDue()

        // A window of ten a second would have sent ten and left twenty for later.
        #expect(report.delivered == 30)
        #expect(report.remaining == 0)
        #expect(sink.requests.count == 30)
    }

    @Test func aRatePerMinuteStillHoldsAWebhookBack() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        try SendWindowTests.queue(8, for: "hook", in: store)
        var notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url("/hook"))
        notifier.ratePerMinute = 5
        let deliverer = OutboxDeliverer(
            store: store, notifiers: ["hook": notifier], settings: DeliverySettings(),
            logger: LogCapture().logger())
        let start = WallClock.now()

        let report = try deliverer.deliverDue(now: start)

        #expect(report.delivered == 5)
        #expect(report.remaining == 3)
        #expect(abs((report.nextAttemptAt ?? 0) - (start + 60)) < 2)
    }
}
