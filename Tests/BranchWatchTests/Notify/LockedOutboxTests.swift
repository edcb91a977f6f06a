// Delivery goes on once another connection lets go of the state database it had locked.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct LockedOutboxTests {
    /// One step of the delivery thread, waiting at most 0.05 s for answers; the store
    /// failure it threw, if any.
    static func step(_ deliverer: OutboxDeliverer) -> StoreError? {
        var report = DeliveryReport()
        do throws(StoreError) {
            try deliverer.startDue(into: &report)
            let next = try deliverer.nextStart() ?? .infinity
            let wait = min(max(0, next - deliverer.tick), 0.05)
            try deliverer.collect(waiting: wait, wake: nil, into: &report)
            return nil
        } catch {
            return error
        }
    }

    /// The event keys the sink received, in arrival order.
    static func keys(_ sink: SlowSink) -> [String] {
        sink.bodies.compactMap { body in
            let object = try? JSONSerialization.jsonObject(with: Data(body.utf8))
            return (object as? [String: Any])?["key"] as? String
        }
    }

    @Test func answersThatCameWhileTheDatabaseWasLockedAreRecordedOnceItIsFree() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.sqlite"
        let engineSide = try StateStore(path: path)
        let sink = try SlowSink(delay: nil)
        defer { sink.stop() }
        let logs = LogCapture()
        let deliveringSide = try StateStore(path: path)
        // A failed write takes SQLite's busy timeout; a short one keeps the test quick.
        try deliveringSide.database.execute("PRAGMA busy_timeout=50")
        let notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url("/hook"))
        let deliverer = OutboxDeliverer(
            store: deliveringSide, notifiers: ["hook": notifier],
            settings: DeliverySettings(), logger: logs.logger())
        // Four lanes and four request slots: all four go at once.
        try SendWindowTests.queue(4, for: "hook", in: engineSide)
        var report = DeliveryReport()
        try deliverer.startDue(into: &report)
        // libcurl moves the requests only while it is polled.
        let sent = try Wait.until(timeout: 10, interval: 0) {
            try deliverer.collect(waiting: 0.05, wake: nil, into: &report)
            return sink.received.count == 4
        }
        #expect(sent)

        let holder = try Database(path: path)
        try holder.execute("BEGIN EXCLUSIVE")
        sink.release()
        #expect(sink.waitForAnswers(4))
        var thrown = 0
        // Steps on while the lock is held, through several quiet retries of the store.
        let settled = Wait.until(timeout: 10, interval: 0) {
            if Self.step(deliverer) != nil { thrown += 1 }
            return deliverer.isIdle && deliverer.outage.failures >= 3
        }
        #expect(settled, "every finished request gives back its slot while the lock is held")
        #expect(deliverer.hasUnrecordedOutcomes)
        #expect(thrown == 1, "one outage is reported once, not at every retry")
        #expect(try engineSide.outboxCount() == 4)
        try holder.execute("COMMIT")

        let drained = try Wait.until(timeout: 10, interval: 0) {
            _ = Self.step(deliverer)
            return try engineSide.outboxCount() == 0 && !deliverer.hasUnrecordedOutcomes
        }
        #expect(drained)
        #expect(deliverer.isIdle)
        // The answers were kept and written late: nothing was sent twice.
        #expect(Self.keys(sink).count == 4)
        #expect(Set(Self.keys(sink)) == Set((0..<4).map { "r/B\($0)/firing/1" }))
        #expect(logs.lines.count { $0.contains("outbox usable again") } == 1)

        // No lane is left blocked: each takes its next message.
        for index in 0..<4 {
            try engineSide.enqueue(
                eventKey: "r/B\(index)/resolved/1", notifier: "hook", orderKey: "r/B\(index)",
                payload: "{\"key\":\"r/B\(index)/resolved/1\"}")
        }
        let followed = try Wait.until(timeout: 10, interval: 0) {
            _ = Self.step(deliverer)
            return try engineSide.outboxCount() == 0
        }
        #expect(followed)
        #expect(Self.keys(sink).count == 8)
    }

    /// The delivery thread as the daemon runs it, with SQLite's own busy timeout: a lock
    /// held past it costs one error line, and delivery resumes once it is let go.
    @Test func theDeliveryThreadResumesAfterALockOutlastsTheBusyTimeout() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.sqlite"
        let engineSide = try StateStore(path: path)
        let sink = try SlowSink(delay: nil)
        defer { sink.stop() }
        let logs = LogCapture()
        let notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url("/hook"))
        let worker = try DeliveryWorker(
            databasePath: path, notifiers: ["hook": notifier], settings: DeliverySettings(),
            logger: logs.logger(), metrics: Metrics())
        try SendWindowTests.queue(4, for: "hook", in: engineSide)
        try worker.start()
        defer {
            worker.stop()
            _ = worker.join(timeout: 10)
        }
        #expect(sink.waitForRequests(4) == 4)

        let holder = try Database(path: path)
        try holder.execute("BEGIN EXCLUSIVE")
        sink.release()
        #expect(logs.waitForLine(containing: "outbox read failed", timeout: 20))
        try holder.execute("COMMIT")

        let drained = try Wait.until(timeout: 20) { try engineSide.outboxCount() == 0 }
        #expect(drained)
        for index in 0..<4 {
            try engineSide.enqueue(
                eventKey: "r/B\(index)/resolved/1", notifier: "hook", orderKey: "r/B\(index)",
                payload: "{\"key\":\"r/B\(index)/resolved/1\"}")
        }
        worker.wake()
        let followed = try Wait.until(timeout: 20) { try engineSide.outboxCount() == 0 }
        #expect(followed)
        let keys = Self.keys(sink)
        #expect(Set(keys).count == 8, "every message arrived, once or more")
        #expect(logs.lines.count { $0.contains("outbox read failed") } == 1)
    }
}
