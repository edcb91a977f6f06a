// URLs read from the environment or a credential are held to the same rules as literal ones,
// libcurl speaks only HTTP(S) without redirects, and answer bodies are never printed raw.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@testable import BranchWatch

@Suite struct URLValidationTests {
    @Test func aFileURLFromTheEnvironmentIsRefusedAndNeverRead() throws {
        let directory = try TemporaryDirectory()
        let secretFile = try directory.write("not-a-webhook", "CONTENT-OF-A-LOCAL-FILE")
        setenv("BW_URLTEST_FILE", "file://" + secretFile, 1)
        let notifier = NotifierConfig(name: "n", type: .webhook, url: "env:BW_URLTEST_FILE")

        let result = NotifyTest.send(notifier, settings: DeliverySettings())

        #expect(result.response == nil)
        #expect(result.verdict.reason.contains("must start with http:// or https://"))
        #expect(!result.verdict.reason.contains("CONTENT-OF-A-LOCAL-FILE"))
    }

    @Test func aURLWithoutSchemeFromTheEnvironmentIsNotSentAsPlainHTTP() throws {
        let sink = try HTTPSink()
        defer { sink.stop() }
        setenv("BW_URLTEST_BARE", "127.0.0.1:\(sink.port)/hook", 1)
        let notifier = NotifierConfig(name: "n", type: .webhook, url: "env:BW_URLTEST_BARE")

        let result = NotifyTest.send(notifier, settings: DeliverySettings())

        #expect(result.verdict.reason.contains("must start with http"))
        #expect(sink.requests.isEmpty)
    }

    @Test func libcurlRefusesOtherProtocolsAndFollowsNoRedirect() throws {
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.setDefault(
            "/moved", ScriptedResponse(status: 302, headers: ["Location: \(sink.url("/next"))"]))
        let transport = HTTPTransport(connectTimeout: 2, totalTimeout: 5)

        let results = transport.send([
            HTTPRequest(url: "file:///etc/hostname", body: "{}"),
            HTTPRequest(url: sink.url("/moved"), body: "{}"),
        ])

        guard case .failure(let error) = results[0] else {
            Issue.record("file:// was read: \(results[0])")
            return
        }
        #expect(error.message.lowercased().contains("protocol"), "\(error)")
        #expect(try results[1].get().status == 302)
        #expect(sink.requests.map(\.route) == ["/moved"])
    }

    @Test func notifyTestPrintsAnAnswerBodyCutAndEscaped() throws {
        let sink = try HTTPSink()
        defer { sink.stop() }
        let page = "\u{1B}]0;owned\u{07}<html>" + String(repeating: "A", count: 5000)
        sink.setDefault("/hook", ScriptedResponse(status: 200, body: page))
        let notifier = NotifierConfig(name: "n", type: .webhook, url: sink.url("/hook"))

        let result = NotifyTest.send(notifier, settings: DeliverySettings())

        let body = try #require(result.response?.body)
        #expect(!body.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        #expect(body.hasPrefix(#"\x1b]0;owned\x07<html>"#))
        #expect(body.utf8.count < ResponseText.printedLimit + 40)
        #expect(body.hasSuffix("more bytes)"))
    }
}
