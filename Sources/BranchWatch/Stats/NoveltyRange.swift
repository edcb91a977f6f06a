// The range of every value a series has sent, to tell when one falls outside it.

/// The lowest and highest value seen.
struct NoveltyRange: Equatable {
    var low = Double.infinity
    var high = -Double.infinity

    /// True when `value` lies beyond the range by more than `margin` of its width.
    func isNovel(_ value: Double, margin: Double) -> Bool {
        guard low <= high else { return false }
        let slack = margin * (high - low)
        return value > high + slack || value < low - slack
    }

    mutating func include(_ value: Double) {
        low = min(low, value)
        high = max(high, value)
    }
}
