// Golden payloads: the exact bytes each platform receives for one fixed alert.
import Testing

@testable import BranchWatch

@Suite struct PayloadGoldenTests {
    init() throws {
        // Timestamps in payloads are rendered in the process zone; pin it.
        try TimeZoneSetting.apply("UTC")
    }

    func markdown(_ type: NotifierType) -> String {
        NotifierPlatform.forType(type).payload([SampleEvents.firing], plainText: false)
    }

    func plain(_ type: NotifierType) -> String {
        NotifierPlatform.forType(type).payload([SampleEvents.resolved], plainText: true)
    }

    @Test func webhookCarriesTheIdempotencyKeyAndEveryContractField() {
        #expect(
            markdown(.webhook)
                == ##"{"key":"sales-jump/B07/sales/firing/1710115200","status":"firing","##
                + ##""rule":"sales-jump","severity":"critical","branch":"B07","metric":"sales","##
                + ##""value":60,"expected":10.25,"z":4.26,"pct_change":4.853,"##
                + ##""timestamp":"2024-03-11T00:00:00Z","##
                + ##""message":"B07 sold 60, expected 10.25 \"high\"","labels":{"region":"north"}}"##
        )
    }

    @Test func webhookSendsTheKeyAsAnIdempotencyHeaderToo() {
        let request = NotifierPlatform.forType(.webhook).request(
            payload: markdown(.webhook), url: "http://127.0.0.1:1/hook", secret: nil, now: 0)
        #expect(request.headers == ["Idempotency-Key: sales-jump/B07/sales/firing/1710115200"])
    }

    @Test func dingTalkSendsMarkdownWithTitleAndItsOwnIdempotencyField() {
        #expect(
            markdown(.dingtalk)
                == ##"{"msgtype":"markdown","markdown":{"title":"FIRING sales-jump [critical] at B07","##
                + ####""text":"### FIRING sales-jump [critical] at B07\n\n**B07**: B07 sold 60, "####
                + ##"expected 10.25 \"high\"\nsales 60, expected 10.25 (+485.3%, z 4.3) at "##
                + ##"2024-03-11T00:00:00Z"},"msgUuid":"sales-jump/B07/sales/firing/1710115200"}"##)
        #expect(
            plain(.dingtalk)
                == ##"{"msgtype":"text","text":{"content":"RESOLVED sales-jump [critical] at B07"##
                + ##"\n\nB07: resolved: B07 sold 10, expected 12\nsales 10, expected 12 "##
                + ##"(-16.7%, z -0.5) at 2024-03-12T00:00:00Z"},"##
                + ##""msgUuid":"sales-jump/B07/sales/resolved/1710201600"}"##)
    }

    @Test func weComSendsMarkdownContentOrText() {
        #expect(
            markdown(.wecom)
                == ####"{"msgtype":"markdown","markdown":{"content":"### FIRING sales-jump "####
                + ##"[critical] at B07\n\n**B07**: B07 sold 60, expected 10.25 \"high\"\n"##
                + ##"sales 60, expected 10.25 (+485.3%, z 4.3) at 2024-03-11T00:00:00Z"}}"##)
        #expect(plain(.wecom).hasPrefix(##"{"msgtype":"text","text":{"content":"RESOLVED "##))
    }

    @Test func feishuSendsACardWhoseHeaderColourFollowsTheStatus() {
        #expect(
            markdown(.feishu)
                == ##"{"msg_type":"interactive","card":{"header":{"title":{"tag":"plain_text","##
                + ##""content":"FIRING sales-jump [critical] at B07"},"template":"red"},"##
                + ##""elements":[{"tag":"markdown","content":"**B07**: B07 sold 60, expected "##
                + ##"10.25 \"high\"\nsales 60, expected 10.25 (+485.3%, z 4.3) at "##
                + ##"2024-03-11T00:00:00Z"}]}}"##)
        let resolved = NotifierPlatform.forType(.feishu).payload(
            [SampleEvents.resolved], plainText: false)
        #expect(resolved.contains(##""template":"green""##))
        #expect(
            plain(.feishu)
                == ##"{"msg_type":"text","content":{"text":"RESOLVED sales-jump [critical] at "##
                + ##"B07\n\nB07: resolved: B07 sold 10, expected 12\nsales 10, expected 12 "##
                + ##"(-16.7%, z -0.5) at 2024-03-12T00:00:00Z"}}"##)
    }

    @Test func slackUsesMrkdwnAndTurnsItOffForPlainText() {
        #expect(
            markdown(.slack)
                == ##"{"text":"*FIRING sales-jump [critical] at B07*\n\n*B07*: B07 sold 60, "##
                + ##"expected 10.25 \"high\"\nsales 60, expected 10.25 (+485.3%, z 4.3) at "##
                + ##"2024-03-11T00:00:00Z"}"##)
        #expect(plain(.slack).hasSuffix(##""mrkdwn":false}"##))
    }

    @Test func teamsWrapsAnAdaptiveCardInAMessage() {
        #expect(
            markdown(.teams)
                == ##"{"type":"message","attachments":[{"contentType":"##
                + ##""application/vnd.microsoft.card.adaptive","content":{"$schema":"##
                + ##""http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","##
                + ##""version":"1.4","body":[{"type":"TextBlock","text":"FIRING sales-jump "##
                + ##"[critical] at B07","weight":"Bolder","wrap":true},{"type":"TextBlock","##
                + ##""text":"**B07**: B07 sold 60, expected 10.25 \"high\"\nsales 60, expected "##
                + ##"10.25 (+485.3%, z 4.3) at 2024-03-11T00:00:00Z","wrap":true}]}}]}"##)
    }

    @Test func consolePrintsOneLine() {
        #expect(
            markdown(.console)
                == ##"FIRING   2024-03-11T00:00:00Z [critical] sales-jump B07: B07 sold 60, "##
                + ##"expected 10.25 "high""##)
    }
}
