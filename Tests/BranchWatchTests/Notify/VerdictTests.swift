// Each platform's answers, including error codes inside HTTP 200 bodies.
import Testing

@testable import BranchWatch

@Suite struct VerdictTests {
    enum Kind: Equatable { case accepted, retry, rateLimited, permanent }

    func kind(_ type: NotifierType, _ status: Int, _ body: String, headers: [String: String] = [:])
        -> Kind
    {
        let response = HTTPResponse(status: status, body: body, headers: headers)
        switch NotifierPlatform.forType(type).verdict(response, now: 0) {
        case .accepted: return .accepted
        case .retry: return .retry
        case .rateLimited: return .rateLimited
        case .permanent: return .permanent
        }
    }

    @Test func dingTalkReadsErrcodeInsideA200() {
        #expect(kind(.dingtalk, 200, #"{"errcode":0,"errmsg":"ok"}"#) == .accepted)
        #expect(
            kind(.dingtalk, 200, #"{"errcode":130101,"errmsg":"send too fast"}"#) == .rateLimited)
        #expect(
            kind(.dingtalk, 200, #"{"errcode":310000,"errmsg":"sign not match"}"#) == .permanent)
        #expect(
            kind(.dingtalk, 200, #"{"errcode":300001,"errmsg":"token is not exist"}"#) == .permanent
        )
        #expect(kind(.dingtalk, 200, #"{"errcode":-1,"errmsg":"busy"}"#) == .retry)
        #expect(kind(.dingtalk, 502, "bad gateway") == .retry)
    }

    @Test func weComReadsErrcodeInsideA200() {
        #expect(kind(.wecom, 200, #"{"errcode":0,"errmsg":"ok"}"#) == .accepted)
        #expect(
            kind(.wecom, 200, #"{"errcode":45009,"errmsg":"api freq out of limit"}"#)
                == .rateLimited)
        #expect(
            kind(.wecom, 200, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#) == .permanent)
    }

    @Test func feishuReadsCodeOrStatusCode() {
        #expect(kind(.feishu, 200, #"{"code":0,"msg":"success","data":{}}"#) == .accepted)
        #expect(kind(.feishu, 200, #"{"StatusCode":0,"StatusMessage":"success"}"#) == .accepted)
        #expect(kind(.feishu, 200, #"{"code":19021,"msg":"sign match fail"}"#) == .permanent)
        #expect(kind(.feishu, 200, #"{"code":11232,"msg":"frequency limited"}"#) == .rateLimited)
        #expect(kind(.feishu, 400, #"{"code":99991400,"msg":"limit"}"#) == .rateLimited)
    }

    @Test func slackReadsTheWordInTheBody() {
        #expect(kind(.slack, 200, "ok") == .accepted)
        #expect(kind(.slack, 403, "invalid_token") == .permanent)
        #expect(kind(.slack, 404, "no_service") == .permanent)
        #expect(kind(.slack, 500, "rollup_error") == .retry)
        #expect(kind(.slack, 429, "rate_limited", headers: ["retry-after": "30"]) == .rateLimited)
    }

    @Test func teamsReadsAnErrorReportedInsideA200() {
        #expect(kind(.teams, 200, "1") == .accepted)
        #expect(kind(.teams, 202, "") == .accepted)
        #expect(
            kind(.teams, 200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId x")
                == .rateLimited)
        #expect(kind(.teams, 413, "too large") == .permanent)
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        #expect(RetryAfter.seconds("7", now: 0) == 7)
        let date = RetryAfter.seconds("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_770)
        #expect(date == 7)
        #expect(RetryAfter.seconds("soon", now: 0) == nil)
        let response = HTTPResponse(status: 429, body: "", headers: ["retry-after": "3"])
        #expect(
            DeliveryVerdict.fromStatus(response, now: 0)
                == .rateLimited(reason: "HTTP 429: ", after: 3))
    }
}
