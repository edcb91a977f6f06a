// Branch names and messages from data cannot mention, link or format in any chat platform,
// and control characters never reach a terminal or a log line raw.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct MarkupEscapingTests {
    static let hostile =
        "<!channel> <at user_id=\"all\">all</at> [x](http://127.0.0.1:1) *bold* \u{1B}[31mred"
        + "\u{07}\r\n# heading"

    static var event: AlertEvent {
        var event = SampleEvents.firing
        event.branch = hostile
        event.message = "message " + hostile
        return event
    }

    /// What each notifier type received on the sink for the hostile event.
    static func deliveredBodies() throws -> [NotifierType: String] {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        var notifiers: [String: NotifierConfig] = [:]
        let types: [NotifierType] = [.slack, .dingtalk, .wecom, .feishu, .teams, .webhook]
        for type in types {
            let notifier = NotifierConfig(
                name: type.rawValue, type: type, url: sink.url("/\(type.rawValue)"))
            notifiers[type.rawValue] = notifier
            try store.enqueue(
                eventKey: event.key, notifier: type.rawValue, orderKey: event.orderKey,
                payload: PayloadFormatter.payload(for: [event], notifier: notifier))
        }
        let deliverer = OutboxDeliverer(
            store: store, notifiers: notifiers, settings: DeliverySettings(),
            logger: LogCapture().logger())
        _ = try deliverer.deliverDue()
        var bodies: [NotifierType: String] = [:]
        for request in sink.requests {
            guard let type = NotifierType(rawValue: String(request.route.dropFirst())) else {
                continue
            }
            bodies[type] = request.body
        }
        return bodies
    }

    /// The texts of a body that the platform renders as markup, joined.
    static func markupText(_ type: NotifierType, _ body: String) -> String {
        let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        func at(_ path: [Any]) -> String {
            var value: Any? = json
            for step in path {
                if let key = step as? String { value = (value as? [String: Any])?[key] }
                if let index = step as? Int { value = (value as? [Any])?[index] }
            }
            return value as? String ?? ""
        }
        switch type {
        case .slack: return at(["text"])
        case .dingtalk: return at(["markdown", "text"])
        case .wecom: return at(["markdown", "content"])
        case .feishu: return at(["card", "elements", 0, "content"])
        case .teams:
            let card: [Any] = ["attachments", 0, "content", "body"]
            return at(card + [0, "text"]) + "\n" + at(card + [1, "text"])
        default: return body
        }
    }

    @Test func noPlatformGetsAMentionALinkOrFormattingFromData() throws {
        let bodies = try Self.deliveredBodies()
        #expect(bodies.count == 6)
        for (type, body) in bodies where type != .webhook {
            let text = Self.markupText(type, body)
            #expect(text.contains("sales"), "\(type): no text found in \(body)")
            // A backslash-escaped bracket is text in markdown; a bare one would be markup.
            let bare = text.replacingOccurrences(of: "\\<", with: "")
            #expect(!bare.contains("<!channel>"), "\(type): \(text)")
            #expect(!bare.contains("<at "), "\(type): \(text)")
            // Slack links only in angle brackets; the others read markdown links.
            #expect(type == .slack || !text.contains("[x](http"), "\(type): \(text)")
            #expect(!text.contains("*bold*"), "\(type): \(text)")
            #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"), "\(type): raw control")
            #expect(!text.contains("\r\n# heading"), "\(type): a line break from data")
            #expect(text.contains("\\x1b"), "\(type): ESC not shown as \\x1b")
        }
        let slack = Self.markupText(.slack, bodies[.slack] ?? "")
        #expect(slack.contains("&lt;!channel&gt;"))
        #expect(slack.hasPrefix("*FIRING sales-jump"), "our own bold title is kept")
        let ding = Self.markupText(.dingtalk, bodies[.dingtalk] ?? "")
        #expect(ding.contains(#"\[x\](http://127.0.0.1:1) \*bold\*"#))
        #expect(ding.contains("**\\<!channel\\>"), "our bold name around the escaped branch")
        let feishu = Self.markupText(.feishu, bodies[.feishu] ?? "")
        #expect(feishu.contains("&#60;at user&#95;id=\"all\"&#62;"))
        // The generic webhook is JSON for programs: the branch arrives exactly as it was.
        let hook = try #require(
            try JSONSerialization.jsonObject(with: Data((bodies[.webhook] ?? "").utf8))
                as? [String: Any])
        #expect(hook["branch"] as? String == Self.hostile)
    }

    @Test func theConsoleShowsControlCharactersInsteadOfObeyingThem() {
        let line = ConsolePlatform().payload([Self.event], plainText: false)
        #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(line.contains(#"\x1b[31mred\x07\r\n# heading"#))
    }

    @Test func aLogLineStaysOneLineWhateverItsFieldsHold() {
        let logs = LogCapture()
        logs.logger().warning(
            "alert delivery failed",
            ["error.message": "HTTP 502: <html>\r\n\u{1B}]0;title\u{07}\u{2028}next", "n": "1"])
        let line = logs.lines.first ?? ""
        #expect(logs.lines.count == 1)
        #expect(line.filter { $0.isNewline }.count == 1 && line.hasSuffix("\n"))
        #expect(!line.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        #expect(line.contains(#"\r\n\x1b]0;title\x07\u{2028}next""#))
    }
}
