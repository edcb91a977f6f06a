// What each part of the `auto` detector says about one value, before any state changes.

extension AutoDetector {
    /// The parts' verdicts on one value against the state before it.
    struct Parts {
        var slot: Int
        var seasonal: BaselineVerdict
        /// The median baseline; nil while the window holds too few values.
        var median: BaselineVerdict?
        var seasonalAverage: Double
        var medianAverage: Double
        var seasonalLikelihood: Double
        var medianLikelihood: Double
        var isNovel: Bool
    }

    /// Values the median window needs before its z counts: ten, or the whole window.
    static let medianWarmup = 10

    func parts(_ observation: Observation, state: AutoState) -> Parts {
        let value = observation.value
        let floor = { state.spreadFloor($0, parameters: parameters) }
        let slot = state.finder.slot(of: observation.localTime)
        let seasonal = state.seasonal.verdict(value, slot: slot, floor: floor)
        let windowLength = parameters.median.length(spacing: state.spacing)
        var median: BaselineVerdict?
        if state.median.count >= min(Self.medianWarmup, windowLength) {
            let center = state.median.median
            let spread = max(
                RobustDetector.madScale * state.median.medianAbsoluteDeviation, floor(center))
            median = BaselineVerdict(
                expected: center, spread: spread, z: (value - center) / spread)
        }
        let short = parameters.short.length(spacing: state.spacing)
        let seasonalAverage = state.seasonalLikelihood.average(
            adding: seasonal.z, length: short, cap: parameters.zCap)
        let medianAverage = state.medianLikelihood.average(
            adding: median?.z ?? 0, length: short, cap: parameters.zCap)
        return Parts(
            slot: slot, seasonal: seasonal, median: median,
            seasonalAverage: seasonalAverage, medianAverage: medianAverage,
            seasonalLikelihood: state.seasonalLikelihood.score(
                seasonalAverage, warmup: parameters.warmup),
            medianLikelihood: state.medianLikelihood.score(
                medianAverage, warmup: parameters.warmup),
            isNovel: state.count >= parameters.noveltyWarmup
                && state.range.isNovel(value, margin: parameters.noveltyMargin))
    }

    /// The scores a rule sees.
    func scores(_ value: Double, _ parts: Parts) -> Scores {
        var reason = AutoReason.seasonal
        var baseline = parts.seasonal
        var strongest = parts.seasonalLikelihood
        if let median = parts.median, !parts.medianLikelihood.isNaN,
            strongest.isNaN || parts.medianLikelihood > strongest
        {
            (reason, baseline, strongest) = (.median, median, parts.medianLikelihood)
        }
        if parts.isNovel, strongest.isNaN || Self.noveltyScore > strongest {
            (reason, strongest) = (.novelty, Self.noveltyScore)
        }
        var scores = Scores(
            value: value, expected: baseline.expected, std: baseline.spread, z: baseline.z,
            pctChange: Scores.relativeChange(value, against: baseline.expected))
        scores.anomaly = strongest
        scores.novel = parts.isNovel ? 1 : 0
        scores.reason = Double(reason.rawValue)
        return scores
    }
}
