// How unusual the recent average of |z| is against that average's own long history.

/// Turns a stream of z values into `-log10` of a tail probability.
///
/// The mean `m` of the last few capped |z| is compared with the running mean and
/// variance of all earlier such means (weight `1/min(k, long)`, so at most the last
/// `long` count): the score is `-log10 P(Z >= (m - mean) / sd)`. A series whose z is
/// always large (a noisy metric) gets a large mean and spread, so each series is judged
/// by its own errors and one threshold suits them all.
struct TailLikelihood: Equatable {
    /// The last few capped |z|, oldest first.
    var recent: [Double] = []
    /// Averages folded into the long-run statistics.
    var count = 0
    var mean = 0.0
    var variance = 0.0

    /// Mean of the recent capped |z| once `z` joins them in a window of `length`.
    func average(adding z: Double, length: Int, cap: Double) -> Double {
        // Summed oldest first, as the stored window would be, without building it.
        let start = max(0, recent.count + 1 - length)
        var sum = 0.0
        for index in start..<recent.count { sum += recent[index] }
        sum += min(abs(z), cap)
        return sum / Double(recent.count - start + 1)
    }

    /// `-log10` of the upper-tail probability of `average`; NaN with too short a history.
    func score(_ average: Double, warmup: Int) -> Double {
        guard count >= warmup, count > 0 else { return .nan }
        let spread = max(variance.squareRoot(), 1e-3 * max(mean, 1e-3), 1e-4)
        return NormalTail.minusLog10UpperTail((average - mean) / spread)
    }

    mutating func update(
        z: Double, average: Double, short: Int, long: Int, cap: Double
    ) {
        recent.append(min(abs(z), cap))
        recent.removeFirst(max(0, recent.count - short))
        count += 1
        let weight = 1 / Double(min(count, long))
        let difference = average - mean
        mean += weight * difference
        variance = (1 - weight) * (variance + weight * difference * difference)
    }
}
