// Hides the secret parts of a webhook URL, per platform, and keeps the rest readable.

/// Webhook URLs carry their credential in different places: Slack in the three path
/// segments after `/services/`, Feishu and Lark in the hook id after `/hook/`, Teams
/// anywhere in its path (and a `sig` query value), DingTalk and WeCom in the
/// `access_token` or `key` query value. Each is replaced by `***`; host, the fixed path
/// words and query names stay, so a reader can still tell which webhook is meant.
enum URLRedaction {
    static let mask = "***"

    /// Hosts whose whole path is secret: Teams connectors and Workflows triggers.
    static let wholePathHosts = [
        "webhook.office.com", "office.com", "logic.azure.com", "powerplatform.com",
        "powerautomate.com",
    ]

    /// `url` (with or without a scheme) with its secret parts masked; user info is dropped.
    static func redacted(_ url: Substring) -> String {
        let schemeEnd = url.firstRange(of: "://")
        let scheme = schemeEnd.map { url[..<$0.upperBound] } ?? ""
        let rest = schemeEnd.map { url[$0.upperBound...] } ?? url
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map(String.init) ?? ""
        let afterHost = rest[authority.endIndex...]
        let pathEnd = afterHost.firstIndex { $0 == "?" || $0 == "#" } ?? afterHost.endIndex
        let path = afterHost[..<pathEnd]
        let query = afterHost[pathEnd...].dropFirst().prefix { $0 != "#" }
        var result = String(scheme) + host + redactedPath(path, host: host.lowercased())
        if !query.isEmpty { result += "?" + redactedQuery(query) }
        return result
    }

    private static func redactedPath(_ path: Substring, host: String) -> String {
        guard !path.isEmpty else { return "" }
        let name = host.split(separator: ":").first.map(String.init) ?? host
        let hostIsTeams = wholePathHosts.contains { name == $0 || name.hasSuffix("." + $0) }
        if hostIsTeams { return "/" + mask }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var masked: [String] = []
        var hideNext = 0
        for segment in segments {
            if hideNext > 0 && !segment.isEmpty {
                masked.append(mask)
                hideNext -= 1
                continue
            }
            masked.append(looksLikeToken(segment) ? mask : String(segment))
            if segment == "services" { hideNext = 3 }
            if segment == "hook" { hideNext = 1 }
        }
        return masked.joined(separator: "/")
    }

    /// Every query value is hidden; the names (`access_token`, `key`, `timestamp`) stay.
    private static func redactedQuery(_ query: Substring) -> String {
        query.split(separator: "&").map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            return pair[..<equals] + "=" + mask
        }.joined(separator: "&")
    }

    /// A path segment of an unknown webhook that may be a token: long, or mixing letters
    /// and digits at some length.
    static func looksLikeToken(_ segment: Substring) -> Bool {
        if segment.count >= 20 { return true }
        let hasDigit = segment.contains { $0.isNumber }
        let hasLetter = segment.contains { $0.isLetter }
        return segment.count >= 8 && hasDigit && hasLetter
    }
}
