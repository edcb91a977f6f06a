// How `branchwatch silence` reads end times and labels, and prints the silences.

/// Why a silence cannot be added.
public enum SilenceError: Error, CustomStringConvertible, Equatable {
    case badTime(String)
    case pastTime(String)
    case badLabel(String)
    /// A label name no rule or inbox declares, with the declared ones.
    case unknownLabel(String, known: [String])
    case badID(String)
    case nothingMatched

    public var description: String {
        switch self {
        case .badTime(let text):
            return "--until \"\(text)\" is not a time; give a duration from now (2h, 1d, 90m) "
                + "or a date-time such as 2026-03-01T18:00 (in the config's time zone) or "
                + "2026-03-01T18:00:00+08:00"
        case .pastTime(let text):
            return "--until \"\(text)\" must be in the future: a later date-time, or a "
                + "duration from now such as 2h or 1d"
        case .badLabel(let text):
            return "--label \"\(text)\" must be written name=value, such as region=East"
        case .unknownLabel(let name, let known):
            var text = "--label: no label \"\(name)\" is declared in the config"
            if let suggestion = nearestName(to: name, in: known) {
                text += " (did you mean \"\(suggestion)\"?)"
            }
            return text
                + (known.isEmpty
                    ? "; declare label names under inbox.labels"
                    : "; declared labels: " + known.joined(separator: ", "))
        case .badID(let text):
            return "silence ID must be a number, found \"\(text)\"; "
                + "see branchwatch silence list"
        case .nothingMatched:
            return "a silence needs at least one of --rule, --branch or --label; "
                + "silencing everything is not allowed"
        }
    }
}

/// Parsing and printing for the `silence` commands.
public enum SilenceText {
    /// The epoch second `text` means: a duration from `now` (`2h`, `+1d`) or a date-time.
    public static func endTime(_ text: String, now: Double) throws(SilenceError) -> Double {
        let isBehind = text.hasPrefix("-")
        let body = text.hasPrefix("+") || isBehind ? String(text.dropFirst()) : text
        let end: Double
        if Double(body) == nil, let seconds = DurationText.seconds(body) {
            end = now + (isBehind ? -seconds : seconds)
        } else if let time = TimestampParser.parse(Substring(text)), text.contains("-") {
            end = Double(time)
        } else {
            throw .badTime(text)
        }
        guard end > now else { throw .pastTime(text) }
        return end
    }

    /// `name=value` pairs as a dictionary.
    public static func labels(_ pairs: [String]) throws(SilenceError) -> [String: String] {
        var labels: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw .badLabel(pair)
            }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return labels
    }

    /// `labels` with each name checked against the `known` label names.
    public static func checked(_ labels: [String: String], known: Set<String>)
        throws(SilenceError) -> [String: String]
    {
        for name in labels.keys.sorted() where !known.contains(name) {
            throw .unknownLabel(name, known: known.sorted())
        }
        return labels
    }

    /// The silence ID in `text`.
    public static func id(_ text: String) throws(SilenceError) -> Int64 {
        guard let id = Int64(text), id > 0 else { throw .badID(text) }
        return id
    }

    /// One line per silence: id, what it matches, until when, by whom, why. A silence
    /// expired early shows when it was expired instead of its planned end.
    public static func table(_ silences: [Silence], now: Double) -> String {
        guard !silences.isEmpty else { return "no active silences" }
        let rows =
            [["ID", "MUTES", "UNTIL", "BY", "REASON"]]
            + silences.map { silence in
                [
                    "\(silence.id)", silence.matchers,
                    ISOTime.formatLocal(Int64(silence.expiredAt ?? silence.endsAt)) + " "
                        + state(silence, now: now),
                    silence.createdBy.isEmpty ? "-" : silence.createdBy, silence.reason,
                ]
            }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<4).map { row[$0] + String(repeating: " ", count: widths[$0] - row[$0].count) }
                .joined(separator: "  ") + "  " + row[4]
        }.joined(separator: "\n")
    }

    private static func state(_ silence: Silence, now: Double) -> String {
        if silence.expiredAt != nil { return "(expired early)" }
        guard silence.endsAt > now else { return "(ended)" }
        let minutes = Int((silence.endsAt - now) / 60)
        let text =
            minutes >= 1440
            ? "\(minutes / 1440)d \(minutes % 1440 / 60)h"
            : minutes >= 60 ? "\(minutes / 60)h \(minutes % 60)m" : "\(minutes)m"
        return "(in \(text))"
    }
}
