// The names a condition or message may use, and how they read a detector's scores.

/// A score that rules can refer to by name.
public enum ScoreName: String, CaseIterable, Sendable {
    case value
    case expected
    case z
    case pctChange = "pct_change"
    case std
    case pValue = "p_value"
    case surprise
    case cusum
    case shift
    case peerZ = "peer_z"
    case peerChange = "peer_change"
    case peers
    case age
    case anomaly
    case novel
    case reason

    /// Reads this score out of `scores`.
    public func read(_ scores: Scores) -> Double {
        switch self {
        case .value: return scores.value
        case .expected: return scores.expected
        case .z: return scores.z
        case .pctChange: return scores.pctChange
        case .std: return scores.std
        case .pValue: return scores.pValue
        case .surprise: return scores.surprise
        case .cusum: return scores.cusum
        case .shift: return scores.shift
        case .peerZ: return scores.peerZ
        case .peerChange: return scores.peerChange
        case .peers: return scores.peers
        case .age: return scores.age
        case .anomaly: return scores.anomaly
        case .novel: return scores.novel
        case .reason: return scores.reason
        }
    }

    static var allNames: [String] { allCases.map(\.rawValue) }
}

extension DetectorSpec {
    /// The scores this detector gives, in the order the backtest writes them.
    public var scoreNames: [ScoreName] {
        switch self {
        case .ewma, .seasonal, .robust: return [.value, .expected, .std, .z, .pctChange]
        case .poisson: return [.value, .expected, .z, .pctChange, .pValue, .surprise]
        case .cusum: return [.value, .expected, .std, .z, .pctChange, .cusum, .shift]
        case .peer: return [.value, .expected, .pctChange, .std, .peerChange, .peerZ, .peers]
        case .absent: return [.value, .age]
        case .auto:
            return [.value, .expected, .std, .z, .pctChange, .anomaly, .novel, .reason]
        }
    }
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
