// The `absent` detector: how long a series has been silent while others report.

/// Measures the age of a series' last value against a clock, in days. A value arriving
/// gives age 0. The clock is passed in: the newest time any series has reported (the
/// data clock) as values arrive, and in the daemon also the wall clock, now and then,
/// for a feed that stopped for every branch at once (`Evaluator.checkAbsence`).
public struct AbsentDetector: Sendable, Equatable {
    /// Values a series must have sent before its silence counts, so a branch that sent
    /// one stray row is not chased forever.
    public var warmup: Int

    public init(warmup: Int = 1) {
        self.warmup = warmup
    }

    /// Scores `series` at `clock`. The age is counted in local days (`localTime` turns
    /// epoch seconds into local wall-clock seconds), so a daily series silent across a DST
    /// change is exactly whole days old, not 25 or 23 hours a day.
    public func score(
        series: SeriesState, clock: Int64, localTime: (Int64) -> Int64 = LocalTime.seconds
    ) -> Scores? {
        guard series.count >= warmup else { return nil }
        var scores = Scores(value: series.lastValue, expected: .nan)
        let elapsed = localTime(clock) - localTime(series.lastTimestamp)
        scores.age = Double(max(0, elapsed)) / 86_400
        return scores
    }
}
