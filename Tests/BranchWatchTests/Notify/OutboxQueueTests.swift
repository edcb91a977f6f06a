// The deliverer's copy of the outbox follows rows other connections add while it runs.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct OutboxQueueTests {
    /// Steps `deliverer` as the delivery thread does until `count` messages were delivered
    /// in all, or 10 s passed; returns how many were.
    static func step(_ deliverer: OutboxDeliverer, until count: Int) throws -> Int {
        let deadline = Date(timeIntervalSinceNow: 10)
        var delivered = 0
        while delivered < count && Date() < deadline {
            var report = DeliveryReport()
            try deliverer.startDue(into: &report)
            try deliverer.collect(waiting: 0.1, wake: nil, into: &report)
            delivered += report.delivered
        }
        return delivered
    }

    @Test func messagesQueuedByAnotherConnectionWhileDeliveringAreSentOnce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.sqlite"
        let engineSide = try StateStore(path: path)
        let sink = try HTTPSink()
        defer { sink.stop() }
        let notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url("/hook"))
        let deliverer = OutboxDeliverer(
            store: try StateStore(path: path), notifiers: ["hook": notifier],
            settings: DeliverySettings(), logger: LogCapture().logger())

        try SendWindowTests.queue(3, for: "hook", in: engineSide)
        #expect(try Self.step(deliverer, until: 3) == 3)
        // Queued after the deliverer read the outbox: found by id, not by reading it all.
        try engineSide.enqueue(
            eventKey: "r/B9/firing/2", notifier: "hook", orderKey: "r/B9",
            payload: #"{"key":"r/B9/firing/2"}"#)
        #expect(try Self.step(deliverer, until: 1) == 1)

        #expect(sink.requests.count == 4)
        #expect(try engineSide.outboxCount() == 0)
        var report = DeliveryReport()
        try deliverer.summarise(into: &report)
        #expect(report.remaining == 0)
    }

    @Test func aFailedAttemptIsKeptWithItsCountAndSentAgainLater() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.setDefault("/hook", ScriptedResponse(status: 500, body: "down"))
        try SendWindowTests.queue(1, for: "hook", in: store)
        let notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url("/hook"))
        var settings = DeliverySettings()
        settings.initialBackoff = 0.05
        settings.maximumBackoff = 0.05
        let deliverer = OutboxDeliverer(
            store: store, notifiers: ["hook": notifier], settings: settings,
            logger: LogCapture().logger())

        var report = DeliveryReport()
        try deliverer.startDue(into: &report)
        let deadline = Date(timeIntervalSinceNow: 10)
        while report.failed == 0 && Date() < deadline {
            try deliverer.collect(waiting: 0.1, wake: nil, into: &report)
        }
        #expect(try store.outboxEntries().first?.attempts == 1)
        sink.setDefault("/hook", ScriptedResponse(status: 200, body: "ok"))

        #expect(try Self.step(deliverer, until: 1) == 1)
        #expect(try store.outboxCount() == 0)
        #expect(sink.requests.count == 2)
    }
}
