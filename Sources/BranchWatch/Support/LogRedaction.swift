// Keeps secrets out of log lines: fields named like secrets, and webhook URLs' paths.

/// Masks what must never reach a log.
///
/// Chat webhooks carry their secret in the URL (Slack's path, DingTalk's `access_token`,
/// WeCom's `key`), so every `http(s)://` URL in a value has those parts masked.
/// Fields whose key names a secret are replaced whole.
enum LogRedaction {
    static let mask = "***"

    /// Words that mark a field as secret wherever they appear in its key.
    static let secretKeyWords = [
        "secret", "token", "password", "passwd", "signature", "authorization", "credential",
        "api_key", "apikey",
    ]

    /// `value` as it may be logged under `key`.
    static func redacted(_ value: String, key: String) -> String {
        let lowered = key.lowercased()
        if secretKeyWords.contains(where: { lowered.containsUTF8($0) }) { return mask }
        return maskingURLs(value)
    }

    /// Masks the secret parts of each URL in `text`.
    static func maskingURLs(_ text: String) -> String {
        guard text.containsUTF8("://") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = nextURLStart(in: rest) {
            result += rest[..<start]
            let url = rest[start...].prefix { !endsURL($0) }
            result += maskedURL(url)
            rest = rest[url.endIndex...]
        }
        return result + rest
    }

    /// Where the next `http://` or `https://` (in any case) begins.
    private static func nextURLStart(in text: Substring) -> Substring.Index? {
        var searchFrom = text.startIndex
        while let separator = text[searchFrom...].firstRange(of: "://") {
            for scheme in ["https", "http"] {
                guard
                    let start = text.index(
                        separator.lowerBound, offsetBy: -scheme.count, limitedBy: text.startIndex)
                else { continue }
                if text[start..<separator.lowerBound].lowercased() == scheme { return start }
            }
            searchFrom = separator.upperBound
        }
        return nil
    }

    /// The URL with its secret parts masked (see `URLRedaction`).
    private static func maskedURL(_ url: Substring) -> String {
        URLRedaction.redacted(url)
    }

    private static func endsURL(_ character: Character) -> Bool {
        character.isWhitespace || "\"'<>()[]{}`".contains(character)
    }
}
