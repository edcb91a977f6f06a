// The functions an expression may call: abs, min and max.

/// The built-in functions; there are no others, and nothing can be defined.
enum ExpressionFunctions {
    static let names: Set<String> = ["abs", "min", "max"]

    /// The typed call of `name` on `arguments`, or why it cannot be made.
    static func call(_ name: String, _ arguments: [TypedNode]) throws(ExpressionError)
        -> TypedNode
    {
        if arguments.contains(where: \.isInvalid) { return .invalid }
        if name == "abs" && arguments.count != 1 {
            throw ExpressionError(
                column: 0, message: "abs takes one argument, found \(arguments.count)")
        }
        if name != "abs" && arguments.count < 2 {
            throw ExpressionError(column: 0, message: "\(name) takes two or more arguments")
        }
        let numbers = arguments.compactMap { argument -> NumberNode? in
            if case .number(let node) = argument { return node }
            return nil
        }
        let durations = arguments.compactMap { argument -> NumberNode? in
            if case .duration(let node) = argument { return node }
            return nil
        }
        let isDuration = durations.count == arguments.count
        guard numbers.count == arguments.count || isDuration else {
            let found = arguments.map(\.typeName).joined(separator: ", ")
            throw ExpressionError(
                column: 0,
                message: "\(name) needs numbers, or durations, throughout; found \(found)")
        }
        let operands = isDuration ? durations : numbers
        let node: NumberNode
        switch name {
        case "abs": node = .absolute(operands[0])
        case "min": node = .minimum(operands)
        default: node = .maximum(operands)
        }
        return isDuration ? .duration(node) : .number(node)
    }
}
