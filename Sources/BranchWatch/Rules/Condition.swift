// A parsed, type-checked `when` condition and its evaluation against scores.

/// A condition over a detector's scores, parsed once when the rule loads.
///
/// The language has numbers (with `%` for percentages), the score names, arithmetic,
/// comparisons, `and`, `or`, `not` and parentheses — nothing that can run anything else.
public struct Condition: Sendable {
    public let source: String
    let root: ConditionNode

    /// Parses and type-checks `source`; the result must be true or false, and it may
    /// name only the scores in `scores` (those of the rule's detector).
    public init(_ source: String, scores: [ScoreName] = ScoreName.allCases)
        throws(ExpressionError)
    {
        var parser = ConditionParser(tokens: try ExpressionLexer.tokens(source), scores: scores)
        let (node, type) = try parser.parseWhole()
        guard type == .boolean else {
            throw ExpressionError(
                column: 1,
                message: "the condition gives a number, not true or false; "
                    + "compare it, for example \"z <= -3\"")
        }
        self.source = source
        self.root = node
    }

    /// True when the condition holds for `scores`.
    public func holds(for scores: Scores) -> Bool {
        root.evaluate(scores) != 0
    }
}

/// A node of a condition tree. Booleans evaluate to 1 and 0.
indirect enum ConditionNode: Sendable {
    case number(Double)
    case score(ScoreName)
    case negate(ConditionNode)
    case not(ConditionNode)
    case binary(String, ConditionNode, ConditionNode)

    func evaluate(_ scores: Scores) -> Double {
        switch self {
        case .number(let value): return value
        case .score(let name): return name.read(scores)
        case .negate(let operand): return -operand.evaluate(scores)
        case .not(let operand): return operand.evaluate(scores) == 0 ? 1 : 0
        case .binary(let symbol, let left, let right):
            return ConditionNode.apply(symbol, left.evaluate(scores), right.evaluate(scores))
        }
    }

    private static func apply(_ symbol: String, _ left: Double, _ right: Double) -> Double {
        switch symbol {
        case "+": return left + right
        case "-": return left - right
        case "*": return left * right
        case "/": return left / right
        case "<": return left < right ? 1 : 0
        case "<=": return left <= right ? 1 : 0
        case ">": return left > right ? 1 : 0
        case ">=": return left >= right ? 1 : 0
        case "==": return left == right ? 1 : 0
        case "!=": return left != right ? 1 : 0
        case "and": return left != 0 && right != 0 ? 1 : 0
        case "or": return left != 0 || right != 0 ? 1 : 0
        default: preconditionFailure("the parser produced unknown operator \(symbol)")
        }
    }
}
