// What a webhook URL must look like, whether written in the config or read from a secret.

/// Checks webhook URLs: libcurl would otherwise read `file:///…` or guess `http://` for a
/// URL without a scheme.
public enum WebhookURL {
    /// Nil for an acceptable URL, else what is wrong with it, in words that never quote it
    /// (it may hold a token).
    public static func problem(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) })
        else { return "must start with http:// or https://" }
        let rest = url.dropFirst(scheme.count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty else { return "has no host after \(scheme)" }
        if url.unicodeScalars.contains(where: { $0 == " " || DataText.isInvisibleBreak($0) }) {
            return "contains spaces or control characters"
        }
        return nil
    }
}
