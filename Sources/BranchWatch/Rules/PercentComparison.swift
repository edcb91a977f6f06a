// Spots a fraction-valued score compared with a plain number that was meant as percent.

/// `pct_change <= -40` is legal but means -4000%: the percent-valued scores are fractions
/// (`-40%` is -0.4). Finds such comparisons, for a warning rather than an error, since
/// `pct_change >= 2` (a tripling) can be meant.
enum PercentComparison {
    /// Scores that are fractions of a level and that people write as percentages.
    static let scores: Set<String> = ["pct_change", "peer_change", "shift"]

    /// One warning per comparison of a percent-valued score with a plain number (no `%`)
    /// whose magnitude is above 1, at the number's column.
    static func warnings(in source: String) -> [ExpressionError] {
        guard let tokens = try? ExpressionLexer.tokens(source) else { return [] }
        let characters = Array(source)
        let comparisons: Set<String> = ["<", "<=", ">", ">=", "==", "!="]
        var found: [ExpressionError] = []
        for (index, token) in tokens.enumerated() {
            guard case .symbol(let symbol) = token.kind, comparisons.contains(symbol),
                index > 0
            else { continue }
            // score OP [-]number, or [-]number OP score.
            let after = number(in: tokens, from: index + 1, forward: true)
            let before = number(in: tokens, from: index - 1, forward: false)
            let pairs: [(ExpressionToken?, (value: Double, token: ExpressionToken)?)] = [
                (tokens[index - 1], after),
                (index + 1 < tokens.count ? tokens[index + 1] : nil, before),
            ]
            for (nameToken, literal) in pairs {
                guard case .name(let name)? = nameToken?.kind, scores.contains(name),
                    let literal, abs(literal.value) > 1,
                    !hasPercentSign(literal.token, in: characters)
                else { continue }
                let shown = NumberFormat.plain(literal.value, decimals: 6)
                found.append(
                    ExpressionError(
                        column: literal.token.column,
                        message: "\(name) is a fraction (-40% is -0.4), so \(shown) here means "
                            + "\(NumberFormat.plain(literal.value * 100, decimals: 6))%; "
                            + "write \(shown)% if a percentage was meant"))
            }
        }
        return found
    }

    /// The number at `start` (with a minus sign before it, read in either direction).
    private static func number(in tokens: [ExpressionToken], from start: Int, forward: Bool)
        -> (value: Double, token: ExpressionToken)?
    {
        guard start >= 0, start < tokens.count else { return nil }
        if forward {
            if case .number(let value) = tokens[start].kind { return (value, tokens[start]) }
            guard tokens[start].kind == .symbol("-"), start + 1 < tokens.count,
                case .number(let value) = tokens[start + 1].kind
            else { return nil }
            return (-value, tokens[start + 1])
        }
        guard case .number(let value) = tokens[start].kind else { return nil }
        let negative = start > 0 && tokens[start - 1].kind == .symbol("-")
        return (negative ? -value : value, tokens[start])
    }

    /// True when the number token is written with `%` right after its digits.
    private static func hasPercentSign(_ token: ExpressionToken, in characters: [Character])
        -> Bool
    {
        var index = token.column - 1
        while index < characters.count && (characters[index].isNumber || characters[index] == ".") {
            index += 1
        }
        return index < characters.count && characters[index] == "%"
    }
}
