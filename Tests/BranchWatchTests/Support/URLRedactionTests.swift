// Each platform's webhook URL loses its secret part and keeps the rest, in logs and in `check`.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

@Suite struct URLRedactionTests {
    @Test(
        "the token part of each platform's URL is masked, the rest stays",
        arguments: [
            (
                "https://hooks.slack.com/services/T0AB12CD/B0EF34GH/abcdEFGHijkl0123",
                "https://hooks.slack.com/services/***/***/***"
            ),
            (
                "https://open.feishu.cn/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "https://open.feishu.cn/open-apis/bot/v2/hook/***"
            ),
            (
                "https://open.larksuite.com/open-apis/bot/v2/hook/abc",
                "https://open.larksuite.com/open-apis/bot/v2/hook/***"
            ),
            (
                "https://contoso.webhook.office.com/webhookb2/1234@abcd/IncomingWebhook/99/aa",
                "https://contoso.webhook.office.com/***"
            ),
            (
                "https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers?sig=SIGVALUE",
                "https://prod-12.westus.logic.azure.com:443/***?sig=***"
            ),
            (
                "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef",
                "https://oapi.dingtalk.com/robot/send?access_token=***"
            ),
            (
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"
            ),
            (
                "http://user:password@127.0.0.1:8099/alerts/a1b2c3d4e5f6",
                "http://127.0.0.1:8099/alerts/***"
            ),
        ])
    func masksTheSecretPart(url: String, expected: String) {
        #expect(URLRedaction.redacted(url[...]) == expected)
        #expect(
            LogRedaction.redacted("POST \(url) failed", key: "error.message")
                == "POST \(expected) failed")
    }

    @Test func checkDoesNotEchoTheTokenOfAURLWithoutScheme() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/r.yaml",
            "rules:\n  - { name: r, metric: m, detector: { type: ewma }, when: z > 9, notify: [s] }\n"
        )
        let path = try directory.write(
            "branchwatch.yaml",
            """
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              s: { type: slack, url: "hooks.slack.com/services/T0AB/B0CD/TOKENabc123xyz" }
            """)
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path) }
        #expect(!error.description.contains("TOKENabc123xyz"), "\(error)")
        #expect(!error.description.contains("T0AB"), "\(error)")
        #expect(error.description.contains("hooks.slack.com/services/***/***/***"), "\(error)")
    }
}
