// Makes text from drop files and the config safe inside a platform's markup and on a terminal.

/// How text that came from data (branch names, messages, rule names) is neutralised before
/// it goes into a chat message, so it can neither mention people, link, nor format.
public enum TextEscaping: Sendable {
    /// Control characters made visible, nothing else (plain titles, the console).
    case none
    /// CommonMark-like markdown (DingTalk, WeCom, Teams): a backslash before the inline
    /// specials `\` `` ` `` `*` `_` `[` `]` `<` `>` `~` `|`. Line-start specials (`#`, `-`,
    /// `+`) need nothing, since data never starts a line: line breaks in data are made
    /// visible first.
    case markdown
    /// Slack: `&`, `<` and `>` as entities, which Slack requires in every text it parses
    /// (mrkdwn or not), so `<!channel>` and `<http://x|y>` stay text.
    ///
    /// Limitation: Slack has no escape for `*`, `_`, `~` and `` ` ``; a zero-width space
    /// after each keeps them from pairing up into formatting.
    case slack
    /// Feishu / Lark card markdown: the specials as HTML character references, which
    /// Feishu's card markdown decodes, so `<at id=all></at>` cannot mention anyone.
    case feishu

    /// `text` escaped for this markup, then its control characters made visible (their
    /// backslashes stay literal in every markup, since a letter follows them).
    public func apply(_ text: String) -> String {
        switch self {
        case .none: return DataText.visible(text)
        case .markdown: return DataText.visible(DataText.prefixing(text, "\\`*_[]<>~|", with: "\\"))
        case .slack: return DataText.visible(DataText.slackEscaped(text))
        case .feishu: return DataText.visible(DataText.referenced(text))
        }
    }
}

/// Character-level helpers for `TextEscaping`.
public enum DataText {
    /// Control characters written out: ESC as `\x1b`, CR as `\r`, LF as `\n`; line and
    /// paragraph separators as `\u{2028}`. Everything else unchanged.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisibleBreak) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isInvisibleBreak(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += hexEscape(scalar)
            }
        }
        return result
    }

    /// True for control characters and for the Unicode line and paragraph separators.
    static func isInvisibleBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `\x1b` for scalars up to 0xFF, `\u{2028}` above.
    static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return scalar.value <= 0xFF
            ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
    }

    static func prefixing(_ text: String, _ specials: String, with escape: String) -> String {
        var result = ""
        for character in text {
            if specials.contains(character) { result += escape }
            result.append(character)
        }
        return result
    }

    static func slackEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "*", "_", "~", "`": result += "\(character)\u{200B}"
            default: result.append(character)
            }
        }
        return result
    }

    static func referenced(_ text: String) -> String {
        var result = ""
        for character in text {
            if "&<>*_~`[]\\|".contains(character), let scalar = character.unicodeScalars.first {
                result += "&#\(scalar.value);"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
