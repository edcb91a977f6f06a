// Alert message templates such as "{{branch}} sales {{value}}, expected {{expected}}".

/// A message with `{{name}}` placeholders, checked when the rule loads.
public struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case placeholder(String)
    }

    /// Names a template may use besides the scores.
    static let contextNames = ["branch", "metric", "rule", "severity", "timestamp"]

    public let source: String
    let parts: [Part]

    /// Parses `source`; unknown names and unclosed braces are errors at their column.
    /// Placeholders may name the context and the scores in `scores`.
    public init(_ source: String, scores: [ScoreName] = ScoreName.allCases)
        throws(ExpressionError)
    {
        let knownNames = MessageTemplate.contextNames + scores.map(\.rawValue)
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            let column = source.distance(from: source.startIndex, to: open.lowerBound) + 1
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                throw ExpressionError(column: column, message: "\"{{\" is not closed by \"}}\"")
            }
            let name = afterOpen[..<close.lowerBound].trimmed
            guard knownNames.contains(name) else {
                throw ExpressionError(
                    column: column,
                    message: MessageTemplate.unknownNameMessage(name, known: knownNames))
            }
            parts.append(.placeholder(name))
            rest = afterOpen[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        self.source = source
        self.parts = parts
    }

    /// The message with each placeholder filled from `context` (already formatted).
    public func render(_ context: [String: String]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .placeholder(let name): return context[name] ?? ""
            }
        }.joined()
    }

    private static func unknownNameMessage(_ name: String, known knownNames: [String])
        -> String
    {
        var message = "unknown placeholder \"{{\(name)}}\""
        if let suggestion = nearestName(to: name, in: knownNames) {
            message += " (did you mean \"{{\(suggestion)}}\"?)"
        }
        return message + "; known names: " + knownNames.joined(separator: ", ")
    }
}
