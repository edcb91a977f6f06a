// Splits an expression such as `z <= -3 and region == "East"` into tokens.

/// One token of an expression, with the 1-based column where it starts.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        /// A duration literal (`2d`, `6h`), in seconds.
        case duration(Double)
        /// A quoted string, without its quotes.
        case text(String)
        case name(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int
}

/// A problem in an expression or template; `column` is 1-based within its text.
public struct ExpressionError: Error, Sendable, Equatable {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }
}

/// Every problem found in one expression or template, in column order.
public struct ExpressionErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var items: [ExpressionError]

    public var description: String {
        items.map { "column \($0.column): \($0.message)" }.joined(separator: "\n")
    }
}

enum ExpressionLexer {
    private static let symbols = [
        "<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", ",",
    ]

    /// The tokens of `text`, ending with `.end`.
    static func tokens(_ text: String) throws(ExpressionError) -> [ExpressionToken] {
        let characters = Array(text)
        var tokens: [ExpressionToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == " " || character == "\t" || character.isNewline {
                index += 1
            } else if character.isNumber || (character == "." && index + 1 < characters.count) {
                tokens.append(try number(characters, &index))
            } else if character.isLetter || character == "_" {
                tokens.append(name(characters, &index))
            } else if character == "\"" || character == "'" {
                tokens.append(try quoted(characters, &index))
            } else if let symbol = symbols.first(where: { matches($0, characters, at: index) }) {
                tokens.append(ExpressionToken(kind: .symbol(symbol), column: index + 1))
                index += symbol.count
            } else {
                throw ExpressionError(
                    column: index + 1, message: unexpected(characters, at: index, after: tokens))
            }
        }
        tokens.append(ExpressionToken(kind: .end, column: characters.count + 1))
        return tokens
    }

    /// Why the character at `index` cannot start a token, with the likely fix for the
    /// slips people make: `=` for `==`, `=>` for `>=`, a space before `%`.
    private static func unexpected(
        _ characters: [Character], at index: Int, after tokens: [ExpressionToken]
    ) -> String {
        let next = index + 1 < characters.count ? characters[index + 1] : " "
        switch (characters[index], next) {
        case ("=", ">"): return "\"=>\" is not an operator; use >="
        case ("=", "<"): return "\"=<\" is not an operator; use <="
        case ("=", _): return "\"=\" is not an operator; use == to compare"
        case ("%", _):
            if case .number(let value)? = tokens.last?.kind {
                let sign = tokens.dropLast().last?.kind == .symbol("-") ? "-" : ""
                let digits = NumberFormat.plain(value, decimals: 6)
                return "no space before %: write \(sign)\(digits)%"
            }
            return "\"%\" must follow a number directly, as in -20%"
        default: return "unexpected character \"\(characters[index])\""
        }
    }

    /// A name: letters, digits and `_`, with dots inside for `labels.region`.
    private static func name(_ characters: [Character], _ index: inout Int) -> ExpressionToken {
        let start = index
        while index < characters.count {
            let character = characters[index]
            let continuesName =
                character.isLetter || character.isNumber || character == "_"
                || (character == "." && index + 1 < characters.count
                    && characters[index + 1].isLetter)
            guard continuesName else { break }
            index += 1
        }
        return ExpressionToken(kind: .name(String(characters[start..<index])), column: start + 1)
    }

    /// A string in double or single quotes; a backslash escapes the next character.
    private static func quoted(_ characters: [Character], _ index: inout Int)
        throws(ExpressionError) -> ExpressionToken
    {
        let start = index
        let quote = characters[index]
        var text = ""
        index += 1
        while index < characters.count, characters[index] != quote {
            if characters[index] == "\\", index + 1 < characters.count { index += 1 }
            text.append(characters[index])
            index += 1
        }
        guard index < characters.count else {
            throw ExpressionError(
                column: start + 1, message: "the string is not closed by a \(quote) quote")
        }
        index += 1
        return ExpressionToken(kind: .text(text), column: start + 1)
    }

    /// A number, a percentage (`20%` is 0.2) or a duration (`2d`, `6h`, `30m`, `45s`, `500ms`).
    private static func number(_ characters: [Character], _ index: inout Int)
        throws(ExpressionError) -> ExpressionToken
    {
        let start = index
        while index < characters.count && (characters[index].isNumber || characters[index] == ".") {
            index += 1
        }
        let digits = String(characters[start..<index])
        guard var value = Double(digits) else {
            throw ExpressionError(column: start + 1, message: "\"\(digits)\" is not a number")
        }
        if index < characters.count && characters[index] == "%" {
            value /= 100
            index += 1
            return ExpressionToken(kind: .number(value), column: start + 1)
        }
        let unitStart = index
        while index < characters.count && characters[index].isLetter { index += 1 }
        guard unitStart < index else {
            return ExpressionToken(kind: .number(value), column: start + 1)
        }
        let unit = String(characters[unitStart..<index])
        guard let seconds = DurationText.units.first(where: { $0.suffix == unit })?.seconds else {
            throw ExpressionError(
                column: unitStart + 1,
                message: "unknown unit \"\(unit)\" after \(digits); durations take "
                    + "ms, s, m, h or d (as in 6h or 2d)")
        }
        return ExpressionToken(kind: .duration(value * seconds), column: start + 1)
    }

    private static func matches(_ symbol: String, _ characters: [Character], at index: Int) -> Bool
    {
        let symbolCharacters = Array(symbol)
        guard index + symbolCharacters.count <= characters.count else { return false }
        return Array(characters[index..<index + symbolCharacters.count]) == symbolCharacters
    }
}
