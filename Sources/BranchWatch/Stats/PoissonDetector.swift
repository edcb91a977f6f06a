// The `poisson` detector: how surprising a count is, given the rate usually seen.
import Glibc

/// Scores small counts (complaints, incidents) by the probability of seeing at least
/// this many when the expected rate is the exponentially weighted mean of past counts,
/// kept per slot of the week when asked.
///
/// Three complaints where 0.2 are usual has `p_value` 0.001; twelve where ten are usual
/// has 0.30. Counts are rounded to whole numbers.
public struct PoissonDetector: Detector {
    public var slots: SeasonSlots
    /// Weight of the newest count in the rate estimate.
    public var alpha: Double
    /// Counts seen in the slot before any score is given.
    public var warmup: Int
    /// Floor under the expected rate, so a long run of zeros does not make 1 a miracle.
    public var minRate: Double
    public var missing: MissingDataPolicy

    public init(
        slots: SeasonSlots = .none, alpha: Double = 0.1, warmup: Int = 14, minRate: Double = 0.1,
        missing: MissingDataPolicy = .init()
    ) {
        self.slots = slots
        self.alpha = alpha
        self.warmup = warmup
        self.minRate = minRate
        self.missing = missing
    }

    public var stateKey: String {
        "poisson:by=\(slots.rawValue):alpha=\(alpha)" + missing.keySuffix
    }

    public func score(_ observation: Observation, state: SlottedBaseline) -> Scores? {
        let baseline = state.slot(slots.slot(of: observation.localTime))
        guard baseline.count >= warmup, baseline.count > 0 else { return nil }
        let rate = max(baseline.mean, minRate)
        let value = observation.value
        let logTail = PoissonTail.logUpperTail(count: value, rate: rate)
        var scores = Scores(
            value: value, expected: rate, std: rate.squareRoot(),
            z: (value - rate) / rate.squareRoot(),
            pctChange: Scores.relativeChange(value, against: rate))
        scores.pValue = exp(logTail)
        // log10(p) = ln(p) / ln(10); written out so that p below 1e-308 still scores.
        scores.surprise = logTail == 0 ? 0 : -logTail / 2.302_585_092_994_046
        return scores
    }

    public func updated(_ state: SlottedBaseline, with observation: Observation)
        -> SlottedBaseline
    {
        var next = state
        let slot = slots.slot(of: observation.localTime)
        next.update(slot: slot, with: observation.value, alpha: alpha)
        return next
    }
}
