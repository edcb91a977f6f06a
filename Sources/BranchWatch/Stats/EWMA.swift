// Exponentially weighted mean and variance of one series, and the scores they give.

/// Settings of the `ewma` detector.
public struct EWMAParameters: Sendable, Equatable, Hashable {
    /// Weight of the newest value, in (0, 1]; 0.1 remembers about the last 20 values.
    public var alpha: Double
    /// Values folded in before any score is given.
    public var warmup: Int
    /// Absolute floor under the standard deviation, in the metric's unit. The default, 1,
    /// is one count or one currency unit: after a run of zeros a 3 scores `z` 3, not
    /// 3 000 000 000. Metrics measured in fractions (a rate of 0.03) must set their own.
    public var minStd: Double
    /// Floor under the standard deviation as a fraction of the expected value.
    public var minStdFraction: Double

    public init(
        alpha: Double = 0.1, warmup: Int = 14, minStd: Double = 1, minStdFraction: Double = 0.01
    ) {
        self.alpha = alpha
        self.warmup = warmup
        self.minStd = minStd
        self.minStdFraction = minStdFraction
    }
}

/// The running state of an exponentially weighted mean and variance.
///
/// Uses the incremental form (West 1979, Finch 2009): with `d = x - mean`,
/// `mean += alpha * d` and `variance = (1 - alpha) * (variance + alpha * d * d)`.
/// The first value sets the mean and leaves the variance at zero.
public struct EWMAState: Sendable, Equatable {
    public var count: Int = 0
    public var mean: Double = 0
    public var variance: Double = 0

    public init(count: Int = 0, mean: Double = 0, variance: Double = 0) {
        self.count = count
        self.mean = mean
        self.variance = variance
    }

    /// Folds `value` into the state.
    public mutating func update(_ value: Double, alpha: Double) {
        count += 1
        guard count > 1 else {
            mean = value
            variance = 0
            return
        }
        let difference = value - mean
        let increment = alpha * difference
        mean += increment
        variance = (1 - alpha) * (variance + difference * increment)
    }

    /// Scores `value` against this state, or nil while the series is warming up.
    public func score(_ value: Double, parameters: EWMAParameters) -> Scores? {
        guard count >= parameters.warmup, count > 0 else { return nil }
        let floor = max(parameters.minStd, parameters.minStdFraction * abs(mean))
        let deviation = max(variance.squareRoot(), floor)
        return Scores(
            value: value, expected: mean, std: deviation, z: (value - mean) / deviation,
            pctChange: Scores.relativeChange(value, against: mean))
    }
}

/// The `ewma` detector: one exponentially weighted baseline for every value.
public struct EWMADetector: Detector {
    public var parameters: EWMAParameters
    public var missing: MissingDataPolicy

    public init(
        _ parameters: EWMAParameters = EWMAParameters(), missing: MissingDataPolicy = .init()
    ) {
        self.parameters = parameters
        self.missing = missing
    }

    /// Warm-up and floors only change scoring, so they are not part of the key.
    public var stateKey: String { "ewma:alpha=\(parameters.alpha)" + missing.keySuffix }

    public func score(_ observation: Observation, state: EWMAState) -> Scores? {
        state.score(observation.value, parameters: parameters)
    }

    public func updated(_ state: EWMAState, with observation: Observation) -> EWMAState {
        var next = state
        next.update(observation.value, alpha: parameters.alpha)
        return next
    }
}
