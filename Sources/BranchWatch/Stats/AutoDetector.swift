// The `auto` detector: seasonal and median baselines, their likelihoods, and novelty.

/// One detector meant to work untuned on any KPI series, hourly or daily.
///
/// Per value, against the state before it:
/// * a seasonal baseline (level plus a daily or weekly slot offset, the period found
///   from the data, residuals winsorised) gives `z_s`;
/// * a rolling median and MAD give `z_m`;
/// * for each, the mean of the last few |z| is judged against the long history of such
///   means, giving `-log10` of a tail probability;
/// * a value beyond every earlier one by a margin of their range is novel.
///
/// `anomaly` is the highest of the two likelihoods, or `noveltyScore` for a novel value;
/// `reason` says which part that was. `expected`, `std`, `z` and `pct_change` come
/// from the baseline whose likelihood is higher (seasonal on a tie).
///
/// Limitation: windows are converted to samples through the spacing found in the first
/// values; a feed that later changes its cadence keeps the first one — restart it with
/// `reset_after` or a new rule.
///
/// Limitation: sparse counts (a median of 0, a MAD of 0) get a spread of half a count,
/// so a day of 3 is 6σ and may alert; guard the rule (`value - expected >= 5`) until a
/// count-data tail replaces the normal one.
public struct AutoDetector: Detector {
    /// The `anomaly` of a novel value: p = 1e-99, above any threshold one would set.
    public static let noveltyScore = 99.0

    public var parameters: AutoParameters
    public var missing: MissingDataPolicy

    public init(
        _ parameters: AutoParameters = AutoParameters(), missing: MissingDataPolicy = .init()
    ) {
        self.parameters = parameters
        self.missing = missing
    }

    /// Windows shape the state; warm-up and the novelty margin only change scoring.
    public var stateKey: String {
        let windows =
            [("short", parameters.short), ("long", parameters.long)]
            + [("median", parameters.median)]
        return "auto"
            + windows.map { ":\($0.0)=\($0.1.samples)/\($0.1.span)" }.joined()
            + missing.keySuffix
    }

    public func score(_ observation: Observation, state: AutoState) -> Scores? {
        let parts = parts(observation, state: state)
        guard !parts.seasonalLikelihood.isNaN || !parts.medianLikelihood.isNaN else {
            return nil
        }
        return scores(observation.value, parts)
    }

    public func updated(_ state: AutoState, with observation: Observation) -> AutoState {
        let parts = parts(observation, state: state)
        let value = observation.value
        var next = state
        let floor = { state.spreadFloor($0, parameters: parameters) }
        next.seasonal.update(value, slot: parts.slot, floor: floor, parameters: parameters)
        var adopted = false
        if let adoption = next.finder.observe(
            value, at: observation.localTime, parameters: parameters)
        {
            next.seasonal.adopt(adoption)
            // The z values of the old baseline say nothing about the new one's.
            next.seasonalLikelihood = TailLikelihood()
            adopted = true
        }
        let spacing = next.finder.spacing
        next.median.append(value, length: parameters.median.length(spacing: spacing))
        let (short, long) = (
            parameters.short.length(spacing: spacing), parameters.long.length(spacing: spacing)
        )
        // A likelihood learns only from a settled baseline: the first values' z (a spread
        // still near zero) would otherwise sit in its history for a year.
        if state.seasonal.count >= parameters.unclipped, !adopted {
            next.seasonalLikelihood.update(
                z: parts.seasonal.z, average: parts.seasonalAverage, short: short, long: long,
                cap: parameters.zCap)
        }
        if let median = parts.median {
            next.medianLikelihood.update(
                z: median.z, average: parts.medianAverage, short: short, long: long,
                cap: parameters.zCap)
        }
        next.range.include(value)
        let step = abs(value - state.lastValue)
        if state.count > 0, step > 0 {
            next.smallestStep = state.smallestStep == 0 ? step : min(state.smallestStep, step)
        }
        next.lastValue = value
        next.count += 1
        return next
    }
}
