// Splits a condition such as `z <= -3 and pct_change <= -20%` into tokens.

/// One token of a condition, with the 1-based column where it starts.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case name(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int
}

/// A condition that cannot be read; `column` is 1-based within the condition text.
public struct ExpressionError: Error, Sendable, Equatable {
    public var column: Int
    public var message: String
}

enum ExpressionLexer {
    private static let symbols = ["<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")"]

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
                let start = index
                while index < characters.count
                    && (characters[index].isLetter || characters[index].isNumber
                        || characters[index] == "_")
                {
                    index += 1
                }
                tokens.append(
                    ExpressionToken(
                        kind: .name(String(characters[start..<index])), column: start + 1))
            } else if let symbol = symbols.first(where: { matches($0, characters, at: index) }) {
                tokens.append(ExpressionToken(kind: .symbol(symbol), column: index + 1))
                index += symbol.count
            } else {
                throw ExpressionError(
                    column: index + 1, message: "unexpected character \"\(character)\"")
            }
        }
        tokens.append(ExpressionToken(kind: .end, column: characters.count + 1))
        return tokens
    }

    /// A number, optionally written as a percentage (`-20%` is -0.2 once negated).
    private static func number(_ characters: [Character], _ index: inout Int)
        throws(ExpressionError) -> ExpressionToken
    {
        let start = index
        while index < characters.count && (characters[index].isNumber || characters[index] == ".") {
            index += 1
        }
        guard var value = Double(String(characters[start..<index])) else {
            throw ExpressionError(
                column: start + 1,
                message: "\"\(String(characters[start..<index]))\" is not a number")
        }
        if index < characters.count && characters[index] == "%" {
            value /= 100
            index += 1
        }
        return ExpressionToken(kind: .number(value), column: start + 1)
    }

    private static func matches(_ symbol: String, _ characters: [Character], at index: Int) -> Bool
    {
        let symbolCharacters = Array(symbol)
        guard index + symbolCharacters.count <= characters.count else { return false }
        return Array(characters[index..<index + symbolCharacters.count]) == symbolCharacters
    }
}
