// The names a condition or message may use, and how they read a detector's scores.

/// A score that rules can refer to by name.
public enum ScoreName: String, CaseIterable, Sendable {
    case value
    case expected
    case z
    case pctChange = "pct_change"
    case std

    /// Reads this score out of `scores`.
    public func read(_ scores: Scores) -> Double {
        switch self {
        case .value: return scores.value
        case .expected: return scores.expected
        case .z: return scores.z
        case .pctChange: return scores.pctChange
        case .std: return scores.std
        }
    }

    static var allNames: [String] { allCases.map(\.rawValue) }
}

/// The closest of `candidates` to `word` when it is a likely typo, for "did you mean" hints.
public func nearestName(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
}

/// Levenshtein distance between two short strings.
func editDistance(_ first: String, _ second: String) -> Int {
    let a = Array(first)
    let b = Array(second)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
