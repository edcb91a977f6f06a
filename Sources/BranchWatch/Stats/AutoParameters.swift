// Settings of the `auto` detector: one global set meant to suit any KPI series untouched.

/// A window given in samples and capped in time: the shorter of the two wins once the
/// series' sample spacing is known, so one default suits 5-minute, hourly and daily data.
public struct SampleWindow: Sendable, Equatable, Hashable {
    /// The most samples the window holds.
    public var samples: Int
    /// The longest stretch of time it covers, in seconds.
    public var span: Int64

    public init(samples: Int, span: Int64) {
        precondition(samples >= 1 && span >= 1, "a window needs a positive size")
        self.samples = samples
        self.span = span
    }

    /// Samples the window holds for data `spacing` seconds apart (0: not known yet).
    public func length(spacing: Int64) -> Int {
        guard spacing > 0 else { return samples }
        return Int(max(1, min(Int64(samples), span / spacing)))
    }
}

/// Settings of the `auto` detector.
///
/// The defaults are one global set from a streaming recipe scored on a public labelled
/// benchmark: each series is judged by its own history, so they need no per-metric tuning.
public struct AutoParameters: Sendable, Equatable, Hashable {
    /// Averaging window of the absolute z values that the likelihood judges.
    public var short = SampleWindow(samples: 30, span: 3 * 86_400)
    /// Memory of the long-run mean and variance of those averages.
    public var long = SampleWindow(samples: 5000, span: 365 * 86_400)
    /// Values in the rolling median and MAD.
    public var median = SampleWindow(samples: 288, span: 28 * 86_400)
    /// Values before any score is given: the likelihood needs a history to judge by.
    public var warmup = 100
    /// A value beyond everything seen by this fraction of the range seen is novel.
    public var noveltyMargin = 0.02
    /// Values before novelty can speak.
    public var noveltyWarmup = 30
    /// Weight of the newest value in the seasonal level, variance and mean size.
    public var alpha = 0.05
    /// Weight of the newest residual in its seasonal slot.
    public var slotAlpha = 0.1
    /// Residuals are clipped to this many spreads before they update the baseline.
    public var clip = 4.0
    /// Values learnt unclipped, while the spread is still being found.
    public var unclipped = 30
    /// Spread floor as a fraction of the level.
    public var floorFraction = 1e-3
    /// A period is adopted only when values one period apart correlate above this.
    public var minCorrelation = 0.5
    /// Absolute z values are capped here before they are averaged.
    public var zCap = 20.0
    /// Values whose gaps set the sample spacing (the median gap).
    public var spacingSamples = 16
    /// Most grid steps kept for period detection; a period of P steps needs 2P + 2.
    public var periodBuffer = 1000
    /// Candidate periods in seconds: a day and a week.
    public var periods: [Int64] = [86_400, 7 * 86_400]

    public init() {}
}
