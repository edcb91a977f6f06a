// The `absent` detector: how long a series has been silent while others report.

/// Measures the age of a series' last value against the newest time any series has
/// reported (the data clock), in days. A value arriving gives age 0.
///
/// Limitation: absence is judged on the data clock, not the wall clock — a feed that
/// stops for every branch at once moves no clock, so it needs a watchdog outside the
/// rules (or a timer in the daemon) to be noticed.
public struct AbsentDetector: Sendable, Equatable {
    /// Values a series must have sent before its silence counts, so a branch that sent
    /// one stray row is not chased forever.
    public var warmup: Int

    public init(warmup: Int = 1) {
        self.warmup = warmup
    }

    /// Scores a series whose last value was `lastValue` at `lastTimestamp`, at `clock`.
    public func score(series: SeriesState, clock: Int64) -> Scores? {
        guard series.count >= warmup else { return nil }
        var scores = Scores(value: series.lastValue, expected: .nan)
        scores.age = Double(max(0, clock - series.lastTimestamp)) / 86_400
        return scores
    }
}
