// Templates such as "{{branch}} sales {{value}}, expected {{expected | 0.0}} ({{pct_change | percent}})".

/// A text with `{{name}}` and `{{name | format}}` placeholders, checked when the rule loads.
///
/// Names are the text fields (`branch`, `metric`, `rule`, `severity`, `timestamp`), the
/// scores of the rule's detector, and labels (`{{labels.region}}`, or `{{region}}` when the
/// config declares the label).
/// A number may take a format: `0`, `0.0`, `0.00`… (that many decimals), the same with a
/// `%` suffix (`0%`, `0.0%`: a signed percentage of a fraction), or `percent` (`0.0%`).
public struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case field(TextField)
        case timestamp
        case label(String)
        case score(ScoreName, NumberStyle?)
    }

    /// Names a template may use besides the scores and labels.
    static let contextNames = TextField.allCases.map(\.rawValue) + ["timestamp"]

    public let source: String
    let parts: [Part]

    /// Parses `source`, reporting every bad placeholder at its column. Labels may be
    /// written bare only when in `labels` (those the config declares).
    public init(
        _ source: String, scores: [ScoreName] = ScoreName.allCases, labels: Set<String> = []
    ) throws(ExpressionErrors) {
        var parts: [Part] = []
        var errors: [ExpressionError] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            let column = source.distance(from: source.startIndex, to: open.lowerBound) + 1
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                errors.append(
                    ExpressionError(column: column, message: "\"{{\" is not closed by \"}}\""))
                rest = rest[rest.endIndex...]
                break
            }
            let inside = String(afterOpen[..<close.lowerBound])
            do {
                parts.append(
                    try MessageTemplate.placeholder(inside, scores: scores, labels: labels))
            } catch {
                errors.append(ExpressionError(column: column, message: error.message))
            }
            rest = afterOpen[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        guard errors.isEmpty else { throw ExpressionErrors(items: errors) }
        self.source = source
        self.parts = parts
    }

    /// The text with each placeholder filled from `facts`.
    public func render(_ facts: AlertFacts) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .field(let field): return field.read(facts)
            case .timestamp: return ISOTime.formatLocal(facts.timestamp)
            case .label(let name): return facts.labels[name] ?? ""
            case .score(let name, let style):
                let value = name.read(facts.scores)
                return style.map { $0.format(value) } ?? name.defaultFormat(value)
            }
        }.joined()
    }

    /// One placeholder's inside: a name, optionally `| format`.
    private static func placeholder(
        _ inside: String, scores: [ScoreName], labels: Set<String>
    ) throws(ExpressionError) -> Part {
        let pieces = inside.split(separator: "|", maxSplits: 1)
        let name = pieces.first.map { String($0).trimmed } ?? ""
        let format = pieces.count > 1 ? String(pieces[1]).trimmed : nil
        let part = try resolve(name, scores: scores, labels: labels)
        guard let format else { return part }
        guard case .score(let score, _) = part else {
            throw ExpressionError(
                column: 0, message: "\"{{\(name)}}\" is text; only numbers take a format")
        }
        guard let style = NumberStyle(format) else {
            throw ExpressionError(
                column: 0,
                message: "unknown format \"\(format)\" for \"\(name)\"; use 0, 0.0, 0.00 "
                    + "(decimals), 0%, 0.0% (percentages) or percent")
        }
        return .score(score, style)
    }

    private static func resolve(_ name: String, scores: [ScoreName], labels: Set<String>)
        throws(ExpressionError) -> Part
    {
        if let field = TextField(rawValue: name) { return .field(field) }
        if name == "timestamp" { return .timestamp }
        if let score = ScoreName(rawValue: name), scores.contains(score) {
            return .score(score, nil)
        }
        if name.hasPrefix("labels."), name.count > "labels.".count {
            return .label(String(name.dropFirst("labels.".count)))
        }
        if labels.contains(name) { return .label(name) }
        let known = contextNames + scores.map(\.rawValue) + labels.sorted()
        var message = "unknown placeholder \"{{\(name)}}\""
        if let suggestion = nearestName(to: name, in: known) {
            message += " (did you mean \"{{\(suggestion)}}\"?)"
        }
        message += "; known names: " + known.joined(separator: ", ")
        let isLabelName =
            !name.isEmpty && ScoreName(rawValue: name) == nil
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        if isLabelName {
            message +=
                "; a label must be listed under inbox.labels in the config, "
                + "or written {{labels.\(name)}}"
        }
        throw ExpressionError(column: 0, message: message)
    }
}

/// How a template prints a number: fixed decimals, or a signed percentage of a fraction.
struct NumberStyle: Sendable, Equatable {
    var decimals: Int
    var isPercent: Bool

    /// Reads `0`, `0.00`, `0%`, `0.0%` or `percent`; nil for anything else.
    init?(_ text: String) {
        if text == "percent" {
            self.init(decimals: 1, isPercent: true)
            return
        }
        var body = Substring(text)
        let isPercent = body.hasSuffix("%")
        if isPercent { body = body.dropLast() }
        guard body.first == "0" else { return nil }
        let fraction = body.dropFirst()
        if fraction.isEmpty {
            self.init(decimals: 0, isPercent: isPercent)
            return
        }
        guard fraction.first == ".", fraction.count > 1,
            fraction.dropFirst().allSatisfy({ $0 == "0" })
        else { return nil }
        self.init(decimals: fraction.count - 1, isPercent: isPercent)
    }

    init(decimals: Int, isPercent: Bool) {
        self.decimals = decimals
        self.isPercent = isPercent
    }

    func format(_ value: Double) -> String {
        guard isPercent else { return NumberFormat.fixed(value, decimals: decimals) }
        guard value.isFinite else { return "n/a" }
        let sign = value > 0 ? "+" : ""
        return sign + NumberFormat.fixed(value * 100, decimals: decimals) + "%"
    }
}

extension ScoreName {
    /// How a placeholder without a format prints this score.
    func defaultFormat(_ value: Double) -> String {
        switch self {
        case .value, .expected, .std, .peers: return NumberFormat.plain(value)
        case .z, .surprise, .cusum, .peerZ: return NumberFormat.fixed(value, decimals: 1)
        case .pctChange, .shift, .peerChange: return NumberFormat.percent(value)
        case .pValue: return NumberFormat.significant(value)
        case .age: return NumberFormat.plain(value, decimals: 1)
        case .anomaly: return NumberFormat.fixed(value, decimals: 1)
        case .novel: return value.isNaN ? "n/a" : (value == 1 ? "yes" : "no")
        case .reason: return AutoReason(score: value)?.text ?? "n/a"
        }
    }
}
