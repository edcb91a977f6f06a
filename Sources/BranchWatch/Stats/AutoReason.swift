// Which part of the `auto` detector spoke for a value, as a code and as a word.

/// The part of the `auto` detector with the highest score for a value.
///
/// Conditions see the code (`reason == 3`), messages the word (`{{reason}}`).
public enum AutoReason: Int, Sendable, CaseIterable {
    /// The value is far from its seasonal baseline (level plus slot of the day or week).
    case seasonal = 1
    /// The value is far from the median of the recent values.
    case median = 2
    /// The value is beyond every earlier one.
    case novelty = 3

    /// The word a message shows.
    public var text: String {
        switch self {
        case .seasonal: return "seasonal"
        case .median: return "median"
        case .novelty: return "novelty"
        }
    }

    /// The reason behind a `reason` score; nil for not-a-number or an unknown code.
    public init?(score: Double) {
        guard let code = Int(exactly: score) else { return nil }
        self.init(rawValue: code)
    }
}

extension Scores {
    /// The `auto` detector's own message placeholders, formatted for reading: `anomaly`,
    /// `novel` (yes or no) and `reason` as a word. Empty for other detectors' scores.
    public var autoMessageFields: [String: String] {
        guard !anomaly.isNaN else { return [:] }
        return [
            "anomaly": NumberFormat.fixed(anomaly, decimals: 1),
            "novel": novel == 1 ? "yes" : "no",
            "reason": AutoReason(score: reason)?.text ?? "",
        ]
    }
}
