// `notify-test` and `run --once` against a sink: the platform's answer, and what stays behind.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@testable import BranchWatch

@Suite struct NotifyTestTests {
    @Test func notifyTestSignsAFeishuSampleAndReportsTheBodyCode() throws {
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.setDefault(
            "/hook/abc",
            ScriptedResponse(status: 200, body: #"{"code":19021,"msg":"sign match fail"}"#))
        setenv("BW_NOTIFYTEST_FEISHU_SECRET", "feishu-secret-0123", 1)
        var notifier = NotifierConfig(name: "fs", type: .feishu, url: sink.url("/hook/abc"))
        notifier.secret = "env:BW_NOTIFYTEST_FEISHU_SECRET"

        let result = NotifyTest.send(notifier, settings: DeliverySettings())

        #expect(result.response?.status == 200)
        #expect(
            result.verdict
                == .permanent(reason: #"code 19021: {"code":19021,"msg":"sign match fail"}"#))
        let body = try #require(sink.requests.first?.json)
        let stamp = try #require((body["timestamp"] as? String).flatMap { Int64($0) })
        #expect(
            body["sign"] as? String
                == FeishuPlatform.signature(timestamp: stamp, secret: "feishu-secret-0123"))
        #expect(body["msg_type"] as? String == "interactive")
    }

    @Test func runOnceGivesUpAtItsDeadlineAndKeepsWhatIsUndelivered() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.respond(with: 503)
        var config = try DeliveryTests.writeConfig(directory, sink: sink, tag: "ONCE")
        config.delivery.onceDeadline = 1
        try DeliveryTests.dropFiles(into: directory)
        let logs = LogCapture()

        let started = Date()
        let summary = try Daemon(config: config, logger: logs.logger()).runOnce()
        let elapsed = Date().timeIntervalSince(started)

        // Four webhook events, and two DingTalk messages (each step's branches grouped).
        #expect(summary.undelivered == 6)
        #expect(summary.delivered == 0)
        #expect(elapsed < 1 + config.delivery.requestTimeout + 1, "took \(elapsed)s")
        #expect(sink.requests.count > 6, "no retry within the deadline")
        let kept = logs.lines.filter {
            $0.contains("alert still undelivered, kept for the next run")
        }
        #expect(kept.count == 6)
        #expect(try StateStore(path: config.databasePath).outboxCount() == 6)
    }
}
