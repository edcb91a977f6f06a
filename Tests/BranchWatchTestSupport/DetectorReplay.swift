// Feeds a daily series through one detector the way the evaluator does, for tests.
import BranchWatch

/// Replays values through a detector: score against the state before, then update.
public enum DetectorReplay {
    /// 2015-01-01T00:00:00Z, a Thursday.
    public static let start: Int64 = 1_420_070_400

    /// The scores of each value; `days` are offsets from `start` (gaps are missing days).
    public static func run<D: Detector>(_ detector: D, days: [Int], values: [Double])
        -> [Scores?]
    {
        precondition(days.count == values.count, "one day per value")
        var state: DetectorState?
        var previous: Int64?
        var result: [Scores?] = []
        for (day, value) in zip(days, values) {
            let time = start + Int64(day) * 86_400
            let observation = Observation(
                value: value, localTime: time, gap: previous.map { time - $0 })
            result.append(detector.score(observation, boxed: state))
            state = detector.updated(state, with: observation)
            previous = time
        }
        return result
    }

    /// `run` on consecutive days.
    public static func run<D: Detector>(_ detector: D, values: [Double]) -> [Scores?] {
        run(detector, days: Array(values.indices), values: values)
    }
}

/// True when `actual` matches `expected` to a relative 1e-9, both being NaN counting
/// as a match (NaN marks "no score" in the reference lists).
public func matchesReference(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual, !actual.isNaN else { return expected.isNaN }
    return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
}
