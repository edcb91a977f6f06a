// The words of a chat alert: a title and one block per branch, fitted to a size limit.

/// Renders alert events as chat text in the markup a platform understands.
public enum AlertText {
    /// Which markup the text uses.
    public enum Markup: Sendable {
        /// CommonMark-like: `###` headings, `**bold**` (DingTalk, WeCom, Feishu, Teams).
        case markdown
        /// Slack's mrkdwn: `*bold*`.
        case slack
        /// No markup at all.
        case plain

        /// How data is escaped in this markup unless a platform says otherwise.
        var escaping: TextEscaping {
            switch self {
            case .markdown: return .markdown
            case .slack: return .slack
            case .plain: return .none
            }
        }
    }

    /// One line naming what happened: `FIRING sales-jump [critical] at B07`.
    /// The rule and branch come from data, so they are escaped with `escaping`.
    public static func title(_ events: [AlertEvent], escaping: TextEscaping = .none) -> String {
        guard let first = events.first else { return "" }
        let status =
            first.status == .resolved ? "RESOLVED" : first.isReminder ? "STILL FIRING" : "FIRING"
        let place = events.count == 1 ? escaping.apply(first.branch) : "\(events.count) branches"
        return "\(status) \(escaping.apply(first.rule)) [\(first.severity.rawValue)] at \(place)"
    }

    /// The whole text, at most `limit` UTF-8 bytes. Branches that do not fit are left out
    /// whole and counted in a last line; a single branch too long for the limit is cut at a
    /// character boundary and says how many bytes it lost.
    /// With `withHeading` false the title is left out, for platforms that show it apart.
    /// Text from data is escaped with `escaping`, by default the markup's own.
    public static func render(
        _ events: [AlertEvent], markup: Markup, limit: Int, withHeading: Bool = true,
        escaping: TextEscaping? = nil
    ) -> String {
        let escaping = escaping ?? markup.escaping
        let head = withHeading ? heading(title(events, escaping: escaping), markup: markup) : ""
        let blocks = events.map { block($0, markup: markup, escaping: escaping) }
        let full = join([head] + blocks)
        guard full.utf8.count > limit else { return full }
        return fitted(head: head, blocks: blocks, limit: limit)
    }

    static func heading(_ title: String, markup: Markup) -> String {
        switch markup {
        case .markdown: return "### " + title
        case .slack: return "*" + title + "*"
        case .plain: return title
        }
    }

    /// One branch: who, what the rule said, and the numbers behind it.
    static func block(_ event: AlertEvent, markup: Markup, escaping: TextEscaping) -> String {
        let branch = escaping.apply(event.branch)
        let name: String
        switch markup {
        case .markdown: name = "**\(branch)**"
        case .slack: name = "*\(branch)*"
        case .plain: name = branch
        }
        let numbers =
            "\(escaping.apply(event.metric)) \(NumberFormat.plain(event.value)), expected "
            + "\(NumberFormat.plain(event.expected)) (\(NumberFormat.percent(event.pctChange)), "
            + "z \(NumberFormat.fixed(event.z, decimals: 1))) at "
            + ISOTime.formatLocal(event.timestamp)
        let notes = event.annotations.keys.sorted().map {
            "\(escaping.apply($0)): \(escaping.apply(event.annotations[$0] ?? ""))"
        }
        return (["\(name): \(escaping.apply(event.message))", numbers] + notes)
            .joined(separator: "\n")
    }

    private static func fitted(head: String, blocks: [String], limit: Int) -> String {
        var kept: [String] = []
        var used = head.isEmpty ? -2 : head.utf8.count
        for (index, block) in blocks.enumerated() {
            let left = blocks.count - index - 1
            let footer = left > 0 ? omission(left).utf8.count + 2 : 0
            guard used + 2 + block.utf8.count + footer <= limit else { break }
            kept.append(block)
            used += 2 + block.utf8.count
        }
        let omitted = blocks.count - kept.count
        if kept.isEmpty, let first = blocks.first {
            // Not even one whole branch fits: cut the first one to what room is left.
            let footer = omitted > 1 ? omission(omitted - 1).utf8.count + 2 : 0
            let room = max(0, limit - max(0, used) - 2 - footer)
            let cut = cutBlock(first, room: room)
            kept.append(cut)
            return join([head, cut] + (omitted > 1 ? [omission(omitted - 1)] : []))
                .utf8Prefix(limit)
        }
        let tail = omitted > 0 ? [omission(omitted)] : []
        return join([head] + kept + tail)
    }

    /// Paragraphs separated by a blank line; an empty heading leaves no gap.
    private static func join(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    static func omission(_ count: Int) -> String {
        "… and \(count) more branch\(count == 1 ? "" : "es") not shown"
    }

    /// `block` cut to `room` bytes, ending with how many bytes were left out.
    private static func cutBlock(_ block: String, room: Int) -> String {
        // The note's own length depends on the number in it; allow for the widest.
        let widestNote = " … (\(block.utf8.count) bytes left out)"
        let kept = block.utf8Prefix(max(0, room - widestNote.utf8.count))
        let lost = block.utf8.count - kept.utf8.count
        return kept + " … (\(lost) bytes left out)"
    }
}

extension String {
    /// The longest prefix of whole characters whose UTF-8 form has at most `limit` bytes.
    func utf8Prefix(_ limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var used = 0
        var end = startIndex
        for index in indices {
            let size = self[index].utf8.count
            guard used + size <= limit else { break }
            used += size
            end = self.index(after: index)
        }
        return String(self[..<end])
    }
}
