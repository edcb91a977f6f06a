// The typed tree of a parsed expression, and how it evaluates against one alert's facts.

/// What an expression is evaluated against: one sample of one rule, or one alert event.
public struct AlertFacts: Sendable {
    public var rule: String
    public var severity: Severity
    public var branch: String
    public var metric: String
    /// Epoch seconds of the sample.
    public var timestamp: Int64
    public var scores: Scores
    /// The sample's labels (region, city, …); a missing label reads as "".
    public var labels: [String: String]

    public init(
        rule: String, severity: Severity, branch: String, metric: String, timestamp: Int64,
        scores: Scores, labels: [String: String]
    ) {
        self.rule = rule
        self.severity = severity
        self.branch = branch
        self.metric = metric
        self.timestamp = timestamp
        self.scores = scores
        self.labels = labels
    }
}

/// The text-valued names every expression and template may use.
enum TextField: String, CaseIterable, Sendable {
    case branch, metric, rule, severity

    func read(_ facts: AlertFacts) -> String {
        switch self {
        case .branch: return facts.branch
        case .metric: return facts.metric
        case .rule: return facts.rule
        case .severity: return facts.severity.rawValue
        }
    }
}

/// A number-valued part. Durations are numbers of seconds; the parser keeps them apart.
indirect enum NumberNode: Sendable {
    case constant(Double)
    /// A score, multiplied by `scale` (the `age` score is in days, durations in seconds).
    case score(ScoreName, scale: Double)
    case negate(NumberNode)
    case arithmetic(String, NumberNode, NumberNode)
    case absolute(NumberNode)
    case minimum([NumberNode])
    case maximum([NumberNode])

    func evaluate(_ facts: AlertFacts) -> Double {
        switch self {
        case .constant(let value): return value
        case .score(let name, let scale): return name.read(facts.scores) * scale
        case .negate(let operand): return -operand.evaluate(facts)
        case .absolute(let operand): return abs(operand.evaluate(facts))
        case .minimum(let operands): return operands.map { $0.evaluate(facts) }.min() ?? .nan
        case .maximum(let operands): return operands.map { $0.evaluate(facts) }.max() ?? .nan
        case .arithmetic(let symbol, let left, let right):
            let (a, b) = (left.evaluate(facts), right.evaluate(facts))
            switch symbol {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            default: preconditionFailure("the parser produced unknown operator \(symbol)")
            }
        }
    }
}

/// A text-valued part: a quoted string, a label, or one of the text fields.
enum TextNode: Sendable {
    case literal(String)
    case label(String)
    case field(TextField)

    /// True for a label or field, whose value comes from the alert rather than the rule.
    var isNamed: Bool {
        if case .literal = self { return false }
        return true
    }

    func evaluate(_ facts: AlertFacts) -> String {
        switch self {
        case .literal(let text): return text
        case .label(let name): return facts.labels[name] ?? ""
        case .field(let field): return field.read(facts)
        }
    }
}

/// A true-or-false part.
indirect enum BooleanNode: Sendable {
    case constant(Bool)
    case not(BooleanNode)
    case and(BooleanNode, BooleanNode)
    case or(BooleanNode, BooleanNode)
    case compare(String, NumberNode, NumberNode)
    case textEquals(TextNode, TextNode, negated: Bool)

    /// Comparisons with not-a-number (a score the detector could not give) are false.
    func evaluate(_ facts: AlertFacts) -> Bool {
        switch self {
        case .constant(let value): return value
        case .not(let operand): return !operand.evaluate(facts)
        case .and(let left, let right): return left.evaluate(facts) && right.evaluate(facts)
        case .or(let left, let right): return left.evaluate(facts) || right.evaluate(facts)
        case .textEquals(let left, let right, let negated):
            return (left.evaluate(facts) == right.evaluate(facts)) != negated
        case .compare(let symbol, let left, let right):
            let (a, b) = (left.evaluate(facts), right.evaluate(facts))
            switch symbol {
            case "<": return a < b
            case "<=": return a <= b
            case ">": return a > b
            case ">=": return a >= b
            case "==": return a == b
            case "!=": return a != b
            default: preconditionFailure("the parser produced unknown comparison \(symbol)")
            }
        }
    }
}

/// A parsed part with its type; `invalid` stands in after an error so one mistake is
/// reported once, not again at every operator above it.
enum TypedNode {
    case number(NumberNode)
    case duration(NumberNode)
    case boolean(BooleanNode)
    /// `bareName` is set for a bare name the config does not declare as a label: a typo,
    /// or a text value without its quotes.
    case text(TextNode, bareName: String?)
    case invalid

    var typeName: String {
        switch self {
        case .number: return "a number"
        case .duration: return "a duration"
        case .boolean: return "true or false"
        case .text: return "text"
        case .invalid: return "an invalid part"
        }
    }

    var isText: Bool {
        if case .text = self { return true }
        return false
    }

    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }
}
