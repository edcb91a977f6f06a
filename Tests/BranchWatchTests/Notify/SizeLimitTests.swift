// Messages stay within each platform's documented size, cut at character boundaries, and
// say what they left out.
import Foundation
import Testing

@testable import BranchWatch

@Suite struct SizeLimitTests {
    init() throws {
        try TimeZoneSetting.apply("UTC")
    }

    /// The content field of a WeCom markdown payload, unescaped enough to measure.
    func weComContent(_ events: [AlertEvent]) -> String {
        let payload = NotifierPlatform.forType(.wecom).payload(events, plainText: false)
        let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8))
        let markdown = (object as? [String: Any])?["markdown"] as? [String: Any]
        return markdown?["content"] as? String ?? ""
    }

    @Test func weComGroupDropsWholeBranchesAndCountsThem() throws {
        let content = weComContent(SampleEvents.group(300))
        #expect(content.utf8.count <= WeComPlatform.markdownLimit)
        let shown = content.components(separatedBy: "**B").count - 1
        let footer = try #require(content.split(separator: "\n").last)
        #expect(footer.hasPrefix("… and ") && footer.hasSuffix(" more branches not shown"))
        let omitted = Int(footer.split(separator: " ")[2]) ?? -1
        #expect(shown > 10)
        #expect(shown + omitted == 300, "shown \(shown) + omitted \(omitted)")
    }

    @Test func oneOversizedBranchIsCutAtACharacterBoundaryAndSaysHowMuch() throws {
        var event = SampleEvents.firing
        event.message = String(repeating: "销售额下降", count: 600)  // 9,000 bytes
        let content = weComContent([event])
        #expect(content.utf8.count <= WeComPlatform.markdownLimit)
        #expect(content.utf8.count > WeComPlatform.markdownLimit - 80, "wasted room")
        let block = AlertText.block(event, markup: .markdown, escaping: .markdown)
        let head = AlertText.heading(AlertText.title([event]), markup: .markdown) + "\n\n"
        let body = try #require(content.components(separatedBy: " … (").first)
        let kept = String(body.dropFirst(head.count))
        #expect(block.hasPrefix(kept))
        let lost = block.utf8.count - kept.utf8.count
        #expect(content.hasSuffix("… (\(lost) bytes left out)"))
    }

    @Test func aCutNeverSplitsAMultiByteCharacter() {
        let text = "ab销售"  // 2 + 3 + 3 bytes
        #expect("ab销售".utf8Prefix(7) == "ab销")
        #expect(text.utf8Prefix(4) == "ab")
        #expect(text.utf8Prefix(100) == text)
    }

    @Test func feishuSignedBodyStaysUnderTwentyKilobytes() {
        let platform = FeishuPlatform()
        let payload = platform.payload(SampleEvents.group(2000), plainText: false)
        let signed = platform.request(
            payload: payload, url: "https://x/hook/y", secret: "s3cret", now: 1_700_000_000)
        #expect(signed.body.utf8.count <= FeishuPlatform.bodyLimit)
        #expect(signed.body.utf8.count > FeishuPlatform.bodyLimit - 600)
        #expect(payload.contains("more branches not shown"))
    }

    @Test func teamsBodyFitsEvenWhenEscapingGrowsTheText() {
        let payload = NotifierPlatform.forType(.teams).payload(
            SampleEvents.group(500, message: String(repeating: "\"\\", count: 40)),
            plainText: false)
        #expect(payload.utf8.count <= TeamsPlatform.bodyLimit)
        #expect(payload.contains("more branches not shown"))
    }
}
