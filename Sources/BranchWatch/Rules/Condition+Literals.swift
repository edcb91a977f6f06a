// The quoted texts a condition compares a text field with, for checking them at load.

extension Condition {
    /// The literals compared (`==`, `!=`) with `field`, as in `rule == "sales-drop"`.
    func texts(comparedWith field: TextField) -> [String] {
        Self.texts(in: root, comparedWith: field)
    }

    private static func texts(in node: BooleanNode, comparedWith field: TextField) -> [String] {
        switch node {
        case .constant, .compare:
            return []
        case .not(let operand):
            return texts(in: operand, comparedWith: field)
        case .and(let left, let right), .or(let left, let right):
            return texts(in: left, comparedWith: field) + texts(in: right, comparedWith: field)
        case .textEquals(.field(field), .literal(let text), _),
            .textEquals(.literal(let text), .field(field), _):
            return [text]
        case .textEquals:
            return []
        }
    }
}
