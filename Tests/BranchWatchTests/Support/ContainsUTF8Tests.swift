// The byte search log redaction uses finds what the character search finds.
import Testing

@testable import BranchWatch

@Suite struct ContainsUTF8Tests {
    @Test(
        "agrees with contains(_:) on plain and multi-byte text",
        arguments: [
            ("api_token", "token"), ("x-api-key", "api_key"), ("error.message", "secret"),
            ("see https://h/x", "://"), ("://", "://"), ("", "://"),
            ("分店 секрет ✓ secret", "secret"), ("分店 секрет", "секрет"), ("to", "token"),
            ("aab", "ab"),
        ])
    func agreesWithTheCharacterSearch(text: String, target: String) {
        #expect(text.containsUTF8(target) == text.contains(target))
    }

    @Test func aSecretFieldIsMaskedWhateverElseItsKeySays() {
        #expect(LogRedaction.redacted("s3cr3t", key: "Webhook_Secret") == "***")
        #expect(LogRedaction.redacted("plain", key: "event") == "plain")
    }
}
