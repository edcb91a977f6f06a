// A platform's answer body as it may be printed or logged: short, one line, escaped.

/// Bodies come from servers we do not control (or from a proxy in between): they can be
/// megabytes of HTML or hold terminal escape sequences. They are only ever shown cut to a
/// limit and with control characters written out.
public enum ResponseText {
    /// What `notify-test` prints at most.
    public static let printedLimit = 2000
    /// What a log line's reason quotes at most.
    public static let loggedLimit = 200

    /// The first `limit` characters of `body`, control characters escaped, and how much
    /// was cut.
    public static func shown(_ body: String, limit: Int) -> String {
        let kept = DataText.visible(String(body.prefix(limit)))
        let cut = body.utf8.count - String(body.prefix(limit)).utf8.count
        return cut > 0 ? kept + " … (\(cut) more bytes)" : kept
    }
}
