// A platform's requested delay is bounded by max_backoff, except DingTalk's documented block.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct RetryAfterTests {
    /// Two messages for `type` on a sink giving `answer`, one request at a time; returns
    /// when they may go again after the first pass (from its start) and how many were sent
    /// in it and in a second pass `later` seconds on.
    static func retryDelay(
        _ type: NotifierType, answer: ScriptedResponse, logs: LogCapture, later: Double = 1
    ) throws -> (delay: Double, sent: Int, sentLater: Int) {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.respond(with: answer.status)
        sink.setDefault("/hook", answer)
        try SendWindowTests.queue(2, for: "n", in: store)
        var notifier = NotifierConfig(name: "n", type: type, url: sink.url("/hook"))
        notifier.maxInFlight = 1
        var settings = DeliverySettings()
        settings.maximumBackoff = 300
        let deliverer = OutboxDeliverer(
            store: store, notifiers: ["n": notifier], settings: settings,
            logger: logs.logger())
        let start = WallClock.now()
        let report = try deliverer.deliverDue(now: start)
        let sent = sink.requests.count
        _ = try deliverer.deliverDue(now: start + later)
        return ((report.nextAttemptAt ?? start) - start, sent, sink.requests.count - sent)
    }

    @Test func aHugeRetryAfterIsCappedAtMaxBackoffAndSaysSo() throws {
        let logs = LogCapture()
        let answer = ScriptedResponse(status: 503, headers: ["Retry-After: 999999999"])
        let (delay, _, _) = try Self.retryDelay(.webhook, answer: answer, logs: logs)

        #expect(delay > 299 && delay < 302, "waits \(delay)s")
        let warning = logs.lines.first { $0.contains("longer than max_backoff, capped") }
        #expect(warning?.contains("asked_s=999999999") == true, "\(logs.lines)")
        #expect(warning?.contains("used_s=300") == true)
    }

    @Test func dingTalkTooFastWaitsOutItsTenMinuteBlock() throws {
        let logs = LogCapture()
        let answer = ScriptedResponse(
            status: 200, body: #"{"errcode":130101,"errmsg":"send too fast"}"#)
        let (delay, sent, sentLater) = try Self.retryDelay(
            .dingtalk, answer: answer, logs: logs, later: 300)

        // The first answer pauses the whole robot: the second message is not even tried,
        // and five minutes on (max_backoff) nothing is tried yet either.
        #expect(sent == 1)
        #expect(sentLater == 0)
        #expect(delay > 599 && delay < 602, "waits \(delay)s, not the first backoff")
    }
}
