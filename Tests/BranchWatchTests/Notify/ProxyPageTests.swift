// A 200 whose body is a proxy's HTML page is not a delivery for platforms that answer JSON.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct ProxyPageTests {
    @Test func onlyTeamsAndWebhookTakeAnHTMLPageAsSuccess() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.respond(with: 200)
        let page = "<html><body><form action=/login>Proxy sign-in</form></body></html>"
        var notifiers: [String: NotifierConfig] = [:]
        let types: [NotifierType] = [.dingtalk, .wecom, .feishu, .slack, .teams, .webhook]
        for type in types {
            let name = type.rawValue
            sink.setDefault("/" + name, ScriptedResponse(status: 200, body: page))
            notifiers[name] = NotifierConfig(name: name, type: type, url: sink.url("/" + name))
            try store.enqueue(
                eventKey: "r/B1/\(name)", notifier: name, orderKey: "r/B1", payload: "{}")
        }
        let logs = LogCapture()
        let deliverer = OutboxDeliverer(
            store: store, notifiers: notifiers, settings: DeliverySettings(),
            logger: logs.logger())

        let report = try deliverer.deliverDue()

        #expect(sink.requests.count == 6)
        #expect(report.delivered == 2)
        let waiting = try store.outboxEntries()
        #expect(Set(waiting.map(\.notifier)) == ["dingtalk", "wecom", "feishu", "slack"])
        for entry in waiting {
            #expect(entry.lastError.contains("success code (a proxy's page?)"), "\(entry)")
            #expect(entry.lastError.contains("Proxy sign-in"))
        }
        #expect(try store.deadLetterCount() == 0, "a proxy page is passing, not permanent")
    }
}
