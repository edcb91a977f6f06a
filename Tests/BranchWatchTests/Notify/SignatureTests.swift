// Signatures against values computed independently with Python's hmac module
// (Tests/BranchWatchTests/Reference/signature_reference.py).
import Testing

@testable import BranchWatch

@Suite struct SignatureTests {
    @Test func hmacMatchesRFC4231TestCaseTwo() {
        let digest = MessageSigner.hmacSHA256(
            key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(
            ContentDigest.hex(digest[...])
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test(
        "DingTalk signs timestamp-newline-secret with the secret as key",
        arguments: [
            (
                Int64(1_700_000_000_000),
                "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
                "8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw="
            ),
            (
                Int64(1_712_345_678_901), "secret with spaces & ünïcode",
                "5gvBTa5qLLyOvDULX/WyjFjawCcFsMrk7IgE9XrYI2M="
            ),
        ])
    func dingTalkSignature(timestamp: Int64, secret: String, expected: String) {
        #expect(DingTalkPlatform.signature(timestamp: timestamp, secret: secret) == expected)
    }

    @Test func dingTalkPutsMillisecondTimestampAndEncodedSignInTheQuery() {
        let request = DingTalkPlatform().request(
            payload: "{}", url: "https://oapi.example/robot/send?access_token=T",
            secret: "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
            now: 1_700_000_000.000_4)
        #expect(
            request.url
                == "https://oapi.example/robot/send?access_token=T&timestamp=1700000000000"
                + "&sign=8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw%3D")
        #expect(request.body == "{}")
    }

    @Test func dingTalkWithoutSecretSendsTheURLUnchanged() {
        let request = DingTalkPlatform().request(
            payload: "{}", url: "https://oapi.example/robot/send?access_token=T", secret: nil,
            now: 1_700_000_000)
        #expect(request.url == "https://oapi.example/robot/send?access_token=T")
    }

    @Test(
        "Feishu signs an empty message with timestamp-newline-secret as key",
        arguments: [
            (
                Int64(1_700_000_000), "feishu-secret-0123",
                "+1U0CMYEwDTNNFL+y2fnyQM4HJAMb/Bh4gSg7jklS/s="
            ),
            (
                Int64(1_712_345_678), "secret with spaces & ünïcode",
                "6NLK9ZTEhBt3h6b/KXneIHC1dBGPgDxdR4bodm5PptM="
            ),
        ])
    func feishuSignature(timestamp: Int64, secret: String, expected: String) {
        #expect(FeishuPlatform.signature(timestamp: timestamp, secret: secret) == expected)
    }

    @Test func feishuPutsSecondTimestampAndSignFirstInTheBody() {
        let request = FeishuPlatform().request(
            payload: ##"{"msg_type":"text"}"##, url: "https://open.example/hook/x",
            secret: "feishu-secret-0123", now: 1_700_000_000.9)
        #expect(
            request.body
                == ##"{"timestamp":"1700000000","sign":"+1U0CMYEwDTNNFL+y2fnyQM4HJAMb/Bh4gSg7jklS/s=","##
                + ##""msg_type":"text"}"##)
        #expect(request.url == "https://open.example/hook/x")
    }

    @Test func base64AndQueryEncodingHandleEdgeCases() {
        #expect(MessageSigner.base64([]) == "")
        #expect(MessageSigner.base64(Array("f".utf8)) == "Zg==")
        #expect(MessageSigner.base64(Array("foob".utf8)) == "Zm9vYg==")
        #expect(MessageSigner.queryEncoded("a+b/c=d ü~") == "a%2Bb%2Fc%3Dd%20%C3%BC~")
    }
}
