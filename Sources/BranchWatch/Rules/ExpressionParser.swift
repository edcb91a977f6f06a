// Recursive-descent parser for expressions, checking types as it goes.

/// Parses tokens with the precedence `or` < `and` < `not` < comparison < `+ -` < `* /`
/// < unary minus. Syntax errors stop the parse; type errors are collected and the parse
/// goes on, so one pass reports every mistake it can place.
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private let scores: [ScoreName]
    private let labels: Set<String>
    private var position = 0
    private(set) var errors: [ExpressionError] = []

    /// `scores` are the score names this expression may use; none for routes. `labels`
    /// are the label names the config declares, which may be written bare.
    init(tokens: [ExpressionToken], scores: [ScoreName], labels: Set<String> = []) {
        self.tokens = tokens
        self.scores = scores
        self.labels = labels
    }

    mutating func parseWhole() throws(ExpressionError) -> TypedNode {
        let result = try parseOr()
        guard case .end = current.kind else {
            if case .name(let word) = current.kind { try refuseCapitalKeyword(word) }
            throw ExpressionError(
                column: current.column, message: "unexpected \(describe(current)) here")
        }
        return result
    }

    private var current: ExpressionToken { tokens[position] }

    // MARK: - Boolean levels

    private mutating func parseOr() throws(ExpressionError) -> TypedNode {
        var left = try parseAnd()
        while isKeyword("or") {
            let column = advance()
            let right = try parseAnd()
            left = logical("or", left, right, column: column) { .or($0, $1) }
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> TypedNode {
        var left = try parseNot()
        while isKeyword("and") {
            let column = advance()
            let right = try parseNot()
            left = logical("and", left, right, column: column) { .and($0, $1) }
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> TypedNode {
        guard isKeyword("not") else { return try parseComparison() }
        let column = advance()
        let operand = try parseNot()
        guard case .boolean(let node) = operand else {
            mismatch(operand, wanted: "true or false", after: "\"not\"", column: column)
            return .invalid
        }
        return .boolean(.not(node))
    }

    private mutating func logical(
        _ word: String, _ left: TypedNode, _ right: TypedNode, column: Int,
        _ make: (BooleanNode, BooleanNode) -> BooleanNode
    ) -> TypedNode {
        guard case .boolean(let a) = left, case .boolean(let b) = right else {
            for side in [left, right] where !isBoolean(side) {
                mismatch(side, wanted: "true or false", after: "\"\(word)\"", column: column)
            }
            return .invalid
        }
        return .boolean(make(a, b))
    }

    private func isBoolean(_ node: TypedNode) -> Bool {
        if case .boolean = node { return true }
        return false
    }

    // MARK: - Comparison

    private mutating func parseComparison() throws(ExpressionError) -> TypedNode {
        let left = try parseSum()
        let comparisons = ["<", "<=", ">", ">=", "==", "!="]
        guard case .symbol(let symbol) = current.kind, comparisons.contains(symbol) else {
            return left
        }
        let column = advance()
        let right = try parseSum()
        return compare(symbol, left, right, column: column)
    }

    private mutating func compare(
        _ symbol: String, _ left: TypedNode, _ right: TypedNode, column: Int
    ) -> TypedNode {
        switch (left, right) {
        case (.invalid, _), (_, .invalid):
            return .invalid
        case (.number(let a), .number(let b)), (.duration(let a), .duration(let b)):
            return .boolean(.compare(symbol, a, b))
        case (.text(let a, nil), .text(let b, nil)) where symbol == "==" || symbol == "!=":
            return .boolean(.textEquals(a, b, negated: symbol == "!="))
        case (.text(let a, let first), .text(let b, let second))
        where first != nil || second != nil:
            // Against a label or field, an unknown word is most likely a value that lost
            // its quotes; against quoted text, a misspelt name.
            if let first {
                unknownName(first, column: column, quoteHint: second == nil && b.isNamed)
            }
            if let second {
                unknownName(second, column: column, quoteHint: first == nil && a.isNamed)
            }
        case (.text(_, let name?), .number), (.text(_, let name?), .duration),
            (.number, .text(_, let name?)), (.duration, .text(_, let name?)):
            unknownName(name, column: column)
        case (.text, .number), (.number, .text), (.text, .duration), (.duration, .text):
            let other = left.isText ? right.typeName : left.typeName
            report(
                column,
                "\"\(symbol)\" cannot compare text with \(other); labels and text fields are "
                    + "text, so to compare as text put the value in quotes (\"5\")")
        case (.text, .text):
            report(column, "text can only be compared with == or !=, not \"\(symbol)\"")
        case (.duration, .number), (.number, .duration):
            report(
                column,
                "\"\(symbol)\" compares a duration with a plain number; "
                    + "write the number with a unit, such as 2d or 6h")
        default:
            report(
                column,
                "\"\(symbol)\" cannot compare \(left.typeName) with \(right.typeName)")
        }
        return .invalid
    }

    // MARK: - Arithmetic

    private mutating func parseSum() throws(ExpressionError) -> TypedNode {
        var left = try parseProduct()
        while case .symbol(let symbol) = current.kind, symbol == "+" || symbol == "-" {
            let column = advance()
            let right = try parseProduct()
            left = arithmetic(symbol, left, right, column: column)
        }
        return left
    }

    private mutating func parseProduct() throws(ExpressionError) -> TypedNode {
        var left = try parseUnary()
        while case .symbol(let symbol) = current.kind, symbol == "*" || symbol == "/" {
            let column = advance()
            let right = try parseUnary()
            left = arithmetic(symbol, left, right, column: column)
        }
        return left
    }

    /// Numbers combine into numbers; durations add to durations, scale by numbers, and
    /// divide into a plain ratio.
    private mutating func arithmetic(
        _ symbol: String, _ left: TypedNode, _ right: TypedNode, column: Int
    ) -> TypedNode {
        let node: (NumberNode, NumberNode) -> NumberNode = { .arithmetic(symbol, $0, $1) }
        switch (left, right, symbol) {
        case (.invalid, _, _), (_, .invalid, _):
            return .invalid
        case (.number(let a), .number(let b), _):
            return .number(node(a, b))
        case (.duration(let a), .duration(let b), "+"), (.duration(let a), .duration(let b), "-"):
            return .duration(node(a, b))
        case (.duration(let a), .duration(let b), "/"):
            return .number(node(a, b))
        case (.duration(let a), .number(let b), "*"), (.duration(let a), .number(let b), "/"),
            (.number(let a), .duration(let b), "*"):
            return .duration(node(a, b))
        default:
            for side in [left, right] {
                if case .text(_, let name?) = side {
                    unknownName(name, column: column)
                    return .invalid
                }
            }
            report(column, "\"\(symbol)\" cannot combine \(left.typeName) and \(right.typeName)")
            return .invalid
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> TypedNode {
        guard case .symbol("-") = current.kind else { return try parsePrimary() }
        let column = advance()
        let operand = try parseUnary()
        switch operand {
        case .number(.constant(let value)): return .number(.constant(-value))
        case .duration(.constant(let value)): return .duration(.constant(-value))
        case .number(let node): return .number(.negate(node))
        case .duration(let node): return .duration(.negate(node))
        case .invalid: return .invalid
        default:
            mismatch(operand, wanted: "a number", after: "\"-\"", column: column)
            return .invalid
        }
    }

    // MARK: - Primaries

    private mutating func parsePrimary() throws(ExpressionError) -> TypedNode {
        let token = current
        position += 1
        switch token.kind {
        case .number(let value):
            return .number(.constant(value))
        case .duration(let seconds):
            return .duration(.constant(seconds))
        case .text(let text):
            return .text(.literal(text), bareName: nil)
        case .name(let name) where ExpressionFunctions.names.contains(name):
            return try parseCall(name, column: token.column)
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
                message: "expected a number, a name or \"(\", found \(describe(token))")
        }
    }

    /// `abs(x)`, `min(a, b, …)`, `max(a, b, …)` over numbers or durations alike.
    private mutating func parseCall(_ name: String, column: Int) throws(ExpressionError)
        -> TypedNode
    {
        guard case .symbol("(") = current.kind else {
            throw ExpressionError(
                column: current.column, message: "expected \"(\" after the function \(name)")
        }
        position += 1
        var arguments: [TypedNode] = [try parseOr()]
        while case .symbol(",") = current.kind {
            position += 1
            arguments.append(try parseOr())
        }
        guard case .symbol(")") = current.kind else {
            throw ExpressionError(
                column: current.column,
                message: "expected \",\" or \")\" in the call of \(name) at column \(column)")
        }
        position += 1
        do {
            return try ExpressionFunctions.call(name, arguments)
        } catch {
            if !arguments.contains(where: \.isInvalid) { report(column, error.message) }
            return .invalid
        }
    }

    /// A score, a text field, `true`/`false`, or a label (`labels.region` or bare `region`).
    private mutating func resolve(_ name: String, column: Int) throws(ExpressionError)
        -> TypedNode
    {
        if ["and", "or", "not"].contains(name) {
            throw ExpressionError(
                column: column,
                message: "expected a number or a name here, found the word \"\(name)\"")
        }
        try refuseCapitalKeyword(name, column: column)
        if name == "true" || name == "false" { return .boolean(.constant(name == "true")) }
        if let score = ScoreName(rawValue: name) {
            guard scores.contains(score) else {
                report(column, missingScoreMessage(name))
                return .invalid
            }
            let node = NumberNode.score(score, scale: score == .age ? 86_400 : 1)
            return score == .age ? .duration(node) : .number(node)
        }
        if let field = TextField(rawValue: name) { return .text(.field(field), bareName: nil) }
        if name.hasPrefix("labels.") {
            return .text(.label(String(name.dropFirst("labels.".count))), bareName: nil)
        }
        // An undeclared name is kept, marked, until its use says which message fits.
        return .text(.label(name), bareName: labels.contains(name) ? nil : name)
    }

    /// `AND`, `Or`, `NOT`: the keywords are lowercase, so say so rather than
    /// "unknown name".
    private func refuseCapitalKeyword(_ word: String, column: Int? = nil) throws(ExpressionError) {
        let lowered = word.lowercased()
        guard ["and", "or", "not"].contains(lowered), word != lowered else { return }
        throw ExpressionError(
            column: column ?? current.column,
            message: "write \"\(word)\" in lowercase: and, or, not")
    }

    private func missingScoreMessage(_ name: String) -> String {
        guard !scores.isEmpty else {
            return "\"\(name)\" is a score; here only labels, branch, metric, rule and "
                + "severity can be used"
        }
        var message =
            "this detector gives no score \"\(name)\"; known names: "
            + scores.map(\.rawValue).joined(separator: ", ")
        if let types = ScoreName(rawValue: name)?.detectorTypes, !types.isEmpty {
            message += "; \"\(name)\" comes from " + types.joined(separator: ", ")
        }
        return message
    }

    // MARK: - Reporting

    /// A bare name that is no score, field or declared label: most likely a typo, or
    /// with `quoteHint` (compared with text) a value written without its quotes.
    private mutating func unknownName(_ name: String, column: Int, quoteHint: Bool = false) {
        let known = scores.map(\.rawValue) + TextField.allCases.map(\.rawValue) + labels.sorted()
        var message = "unknown name \"\(name)\""
        if let suggestion = nearestName(to: name, in: known) {
            message += " (did you mean \"\(suggestion)\"?)"
        } else if quoteHint {
            message += "; put text in quotes: \"\(name)\""
        } else {
            message +=
                "; known names: " + known.joined(separator: ", ")
                + "; a label must be listed under inbox.labels in the config, "
                + "or written labels.\(name)"
        }
        report(nameColumn(name) ?? column, message)
    }

    private mutating func mismatch(
        _ node: TypedNode, wanted: String, after what: String, column: Int
    ) {
        if case .invalid = node { return }
        if case .text(_, let name?) = node {
            unknownName(name, column: column)
            return
        }
        report(column, "\(what) needs \(wanted) on each side, found \(node.typeName)")
    }

    private mutating func report(_ column: Int, _ message: String) {
        errors.append(ExpressionError(column: column, message: message))
    }

    /// The column of the name token `name` at or before the current position.
    private func nameColumn(_ name: String) -> Int? {
        tokens[..<position].last { $0.kind == .name(name) }?.column
    }

    private mutating func advance() -> Int {
        let column = current.column
        position += 1
        return column
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .name(let name) = current.kind { return name == word }
        return false
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .number(let value): return "number \(NumberFormat.plain(value, decimals: 6))"
        case .duration: return "a duration"
        case .text(let text): return "the string \"\(text)\""
        case .name(let name): return "\"\(name)\""
        case .symbol(let symbol): return "\"\(symbol)\""
        case .end: return "end of expression"
        }
    }
}
