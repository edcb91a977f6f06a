// A parsed, type-checked condition (`when`, `clear_when`, a route's `when`) and its evaluation.

/// A true-or-false expression over one alert's scores, text fields and labels, parsed
/// once when its file loads.
///
/// The language has numbers (`%` for percentages), durations (`2d`, `6h`), quoted strings,
/// the score names, `branch`, `metric`, `rule`, `severity`, labels (`labels.region`, or
/// `region` when the config declares it), arithmetic, `abs`, `min`, `max`, comparisons, `and`, `or`, `not` and
/// parentheses — nothing that can run anything else.
public struct Condition: Sendable {
    public let source: String
    let root: BooleanNode

    /// Parses and type-checks `source`, reporting every problem it can place. It may name
    /// only the scores in `scores` (those of the rule's detector; none for a route), and
    /// bare only the labels in `labels` (those the config declares).
    public init(
        _ source: String, scores: [ScoreName] = ScoreName.allCases, labels: Set<String> = []
    ) throws(ExpressionErrors) {
        let tokens: [ExpressionToken]
        do {
            tokens = try ExpressionLexer.tokens(source)
        } catch {
            throw ExpressionErrors(items: [error])
        }
        var parser = ExpressionParser(tokens: tokens, scores: scores, labels: labels)
        let parsed: TypedNode
        do {
            parsed = try parser.parseWhole()
        } catch {
            throw ExpressionErrors(items: parser.errors + [error])
        }
        guard parser.errors.isEmpty else { throw ExpressionErrors(items: parser.errors) }
        guard case .boolean(let root) = parsed else {
            throw ExpressionErrors(items: [
                ExpressionError(
                    column: 1,
                    message: "the condition gives \(parsed.typeName), not true or false; "
                        + "compare it, for example \"z <= -3\"")
            ])
        }
        self.source = source
        self.root = root
    }

    /// True when the condition holds for `facts`.
    public func holds(_ facts: AlertFacts) -> Bool {
        root.evaluate(facts)
    }

    /// True when the condition holds for `scores` alone, without labels.
    public func holds(for scores: Scores) -> Bool {
        holds(
            AlertFacts(
                rule: "", severity: .warning, branch: "", metric: "", timestamp: 0,
                scores: scores, labels: [:]))
    }
}
