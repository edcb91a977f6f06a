// A level plus one offset per slot of a period, learnt from residuals clipped at a few spreads.

/// What a baseline expects of one value, and how far off the value is.
struct BaselineVerdict: Equatable {
    var expected: Double
    /// The spread `z` is measured in, after the floor.
    var spread: Double
    var z: Double
}

/// An exponentially weighted level and variance with additive seasonal offsets.
///
/// Each value's residual `r = x - level - offset[slot]` is clipped to `clip` spreads
/// (winsorised) before it moves the level, the slot offset and the variance, so one
/// outlier shifts the baseline by at most a few spreads' worth of weight. The first
/// `unclipped` values learn unclipped, while the spread is still being found.
///
/// Limitation: the offsets are additive, so after a level collapse a deep weekend offset
/// can push `expected` below zero until the slots relearn — a multiplicative form would
/// need a positive series.
struct WinsorizedBaseline: Equatable {
    var count = 0
    var level = 0.0
    var variance = 0.0
    /// Exponentially weighted mean of |x|: the scale the spread floor is relative to.
    var meanSize = 0.0
    /// One offset per slot; empty when no period was found.
    var offsets: [Double] = []

    /// Scores `value` in `slot`; `floor` gives the least spread for a level.
    func verdict(_ value: Double, slot: Int, floor: (Double) -> Double) -> BaselineVerdict {
        let spread = max(variance.squareRoot(), floor(meanSize))
        guard count > 0 else { return BaselineVerdict(expected: value, spread: spread, z: 0) }
        let expected = level + (slot < offsets.count ? offsets[slot] : 0)
        return BaselineVerdict(expected: expected, spread: spread, z: (value - expected) / spread)
    }

    mutating func update(
        _ value: Double, slot: Int, floor: (Double) -> Double, parameters: AutoParameters
    ) {
        let alpha = parameters.alpha
        defer { count += 1 }
        guard count > 0 else {
            (level, variance, meanSize) = (value, 0, abs(value))
            return
        }
        let verdict = verdict(value, slot: slot, floor: floor)
        var residual = value - verdict.expected
        if count >= parameters.unclipped {
            let limit = parameters.clip * verdict.spread
            residual = min(max(residual, -limit), limit)
        }
        level += alpha * residual
        if slot < offsets.count { offsets[slot] += parameters.slotAlpha * residual }
        variance = (1 - alpha) * (variance + alpha * residual * residual)
        meanSize += alpha * (abs(value) - meanSize)
    }

    /// Starts over from a period's warm-up baseline.
    mutating func adopt(_ adoption: PeriodAdoption) {
        level = adoption.level
        offsets = adoption.offsets
        variance = adoption.variance
    }
}
