// A silence added while alerts wait in the outbox mutes them when they fall due.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct QueuedSilenceTests {
    @Test func aSilenceAddedLaterDropsQueuedMessagesOfItsBranchOnly() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.respond(with: 503)
        let config = try DeliveryTests.writeConfig(directory, sink: sink, tag: "QSIL")
        try DeliveryTests.dropFiles(into: directory)
        let engine = try Engine(config: config, logger: LogCapture().logger())
        engine.processPendingFiles()
        let logs = LogCapture()
        let store = try StateStore(path: config.databasePath)
        let deliverer = OutboxDeliverer(
            store: store, notifiers: config.notifiers, settings: config.delivery,
            logger: logs.logger())
        let start = WallClock.now()
        let first = try deliverer.deliverDue(now: start)
        #expect(first.remaining == 6)

        // `branchwatch silence add --branch B07`, over its own connection.
        _ = try StateStore(path: config.databasePath).addSilence(
            Silence(branch: "B07", endsAt: start + 3600, reason: "planned works"))
        let sentBefore = sink.requests.count
        _ = try deliverer.deliverDue(now: start + 5)
        // The webhook's lanes are per branch: B07 firing, its lane's head, is dropped, then
        // B07 resolved behind it in the same pass; B08 firing goes (and fails again).
        let waiting = try store.outboxEntries().map(\.eventKey)
        #expect(waiting.count == 4, "\(waiting)")
        #expect(!waiting.contains { $0.contains("/B07/sales/") })

        sink.respond(with: 200)
        sink.setDefault(
            "/ding", ScriptedResponse(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#))
        let last = try deliverer.deliverDue(now: start + 10)
        #expect(last.remaining == 0)
        let muted = logs.lines.filter { $0.contains("queued alert muted by a silence") }
        #expect(muted.count == 2)
        #expect(muted.first?.contains(#"silence.reason="planned works""#) == true, "\(muted)")
        let hooks = sink.requests.dropFirst(sentBefore).filter { $0.route == "/hook" }
        #expect(!hooks.contains { $0.body.contains("B07") })
        #expect(hooks.filter { $0.body.contains("B08") }.count >= 2)
        // The grouped robot messages tell of B08 too, so they still go.
        #expect(sink.requests.dropFirst(sentBefore).contains { $0.route == "/ding" })
        #expect(deliverer.counters.muted == 2)
    }
}
