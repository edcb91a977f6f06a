// Recursive-descent parser for conditions, checking types as it goes.

/// What a condition part evaluates to.
enum ConditionType: Equatable {
    case number, boolean

    var name: String { self == .number ? "a number" : "true or false" }
}

/// Parses tokens with the precedence `or` < `and` < `not` < comparison < `+ -` < `* /` < unary minus.
struct ConditionParser {
    private let tokens: [ExpressionToken]
    private let scores: [ScoreName]
    private var position = 0

    init(tokens: [ExpressionToken], scores: [ScoreName] = ScoreName.allCases) {
        self.tokens = tokens
        self.scores = scores
    }

    private typealias Typed = (node: ConditionNode, type: ConditionType)

    mutating func parseWhole() throws(ExpressionError) -> (ConditionNode, ConditionType) {
        let result = try parseOr()
        guard case .end = current.kind else {
            throw ExpressionError(
                column: current.column, message: "unexpected \(describe(current)) here")
        }
        return result
    }

    private var current: ExpressionToken { tokens[position] }

    private mutating func parseOr() throws(ExpressionError) -> Typed {
        var left = try parseAnd()
        while isKeyword("or") {
            let column = current.column
            position += 1
            left = try combine(
                "or", left, try parseAnd(), column: column, operands: .boolean, result: .boolean)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Typed {
        var left = try parseNot()
        while isKeyword("and") {
            let column = current.column
            position += 1
            left = try combine(
                "and", left, try parseNot(), column: column, operands: .boolean, result: .boolean)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Typed {
        guard isKeyword("not") else { return try parseComparison() }
        let column = current.column
        position += 1
        let operand = try parseNot()
        try expect(operand.type, .boolean, column: column, what: "\"not\"")
        return (.not(operand.node), .boolean)
    }

    private mutating func parseComparison() throws(ExpressionError) -> Typed {
        let left = try parseSum()
        let comparisons = ["<", "<=", ">", ">=", "==", "!="]
        guard case .symbol(let symbol) = current.kind, comparisons.contains(symbol) else {
            return left
        }
        let column = current.column
        position += 1
        return try combine(
            symbol, left, try parseSum(), column: column, operands: .number, result: .boolean)
    }

    private mutating func parseSum() throws(ExpressionError) -> Typed {
        var left = try parseProduct()
        while case .symbol(let symbol) = current.kind, symbol == "+" || symbol == "-" {
            let column = current.column
            position += 1
            left = try combine(
                symbol, left, try parseProduct(), column: column, operands: .number, result: .number
            )
        }
        return left
    }

    private mutating func parseProduct() throws(ExpressionError) -> Typed {
        var left = try parseUnary()
        while case .symbol(let symbol) = current.kind, symbol == "*" || symbol == "/" {
            let column = current.column
            position += 1
            left = try combine(
                symbol, left, try parseUnary(), column: column, operands: .number, result: .number)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Typed {
        guard case .symbol("-") = current.kind else { return try parsePrimary() }
        let column = current.column
        position += 1
        let operand = try parseUnary()
        try expect(operand.type, .number, column: column, what: "\"-\"")
        if case .number(let value) = operand.node { return (.number(-value), .number) }
        return (.negate(operand.node), .number)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Typed {
        let token = current
        position += 1
        switch token.kind {
        case .number(let value):
            return (.number(value), .number)
        case .name(let name):
            return try resolve(name, column: token.column)
        case .symbol("("):
            let inner = try parseOr()
            guard case .symbol(")") = current.kind else {
                throw ExpressionError(
                    column: current.column,
                    message: "expected \")\" to close the \"(\" at column \(token.column)")
            }
            position += 1
            return inner
        default:
            throw ExpressionError(
                column: token.column,
                message: "expected a number or a score name, found \(describe(token))")
        }
    }

    private func resolve(_ name: String, column: Int) throws(ExpressionError) -> Typed {
        if ["and", "or", "not"].contains(name) {
            throw ExpressionError(
                column: column,
                message: "expected a number or a score name here, found the word \"\(name)\"")
        }
        if let score = ScoreName(rawValue: name), scores.contains(score) {
            return (.score(score), .number)
        }
        if name == "true" || name == "false" { return (.number(name == "true" ? 1 : 0), .boolean) }
        let known = scores.map(\.rawValue)
        var message =
            ScoreName(rawValue: name) == nil
            ? "unknown name \"\(name)\"" : "this detector gives no score \"\(name)\""
        if let suggestion = nearestName(to: name, in: known) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        message += "; known names: " + known.joined(separator: ", ")
        throw ExpressionError(column: column, message: message)
    }

    private func combine(
        _ symbol: String, _ left: Typed, _ right: Typed, column: Int,
        operands: ConditionType, result: ConditionType
    ) throws(ExpressionError) -> Typed {
        try expect(left.type, operands, column: column, what: "\"\(symbol)\"")
        try expect(right.type, operands, column: column, what: "\"\(symbol)\"")
        return (.binary(symbol, left.node, right.node), result)
    }

    private func expect(_ actual: ConditionType, _ wanted: ConditionType, column: Int, what: String)
        throws(ExpressionError)
    {
        guard actual != wanted else { return }
        throw ExpressionError(
            column: column,
            message: "\(what) needs \(wanted.name) on each side, found \(actual.name)")
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .name(let name) = current.kind { return name == word }
        return false
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .number(let value): return "number \(value)"
        case .name(let name): return "\"\(name)\""
        case .symbol(let symbol): return "\"\(symbol)\""
        case .end: return "end of condition"
        }
    }
}
