// The `robust` detector: median and MAD over a bounded window of recent values.

/// The most recent values of one series, oldest first.
public struct RobustWindow: DetectorStateValue {
    public var values: [Double]

    public init() { values = [] }

    public init(values: [Double]) {
        self.values = values
    }

    public var storedValues: [Double] { values }

    public init?(storedValues: [Double]) {
        values = storedValues
    }

    public var boxed: DetectorState { .window(self) }

    public init?(unboxing box: DetectorState) {
        guard case .window(let state) = box else { return nil }
        self = state
    }
}

/// Scores against the median of the last `window` values, with the spread from the
/// median absolute deviation, so one wild day moves neither the level nor the spread.
public struct RobustDetector: Detector {
    /// MAD times this estimates the standard deviation of normally distributed data.
    public static let madScale = 1.482_602_218_505_602

    /// Values kept; the state key includes it, since it bounds what is stored.
    public var window: Int
    /// Values in the window before any score is given.
    public var warmup: Int
    /// Floor under the spread; by default one unit or 1% of the median, as for `ewma`.
    /// It matters more here: a window more than half equal has a MAD of zero.
    public var floor: SpreadFloor
    public var missing: MissingDataPolicy

    public init(
        window: Int = 28, warmup: Int = 14,
        floor: SpreadFloor = .init(absolute: 1, fraction: 0.01),
        missing: MissingDataPolicy = .init()
    ) {
        precondition(window >= 1 && warmup >= 1, "robust window and warm-up must be positive")
        self.window = window
        self.warmup = warmup
        self.floor = floor
        self.missing = missing
    }

    public var stateKey: String { "robust:window=\(window)" + missing.keySuffix }

    public func score(_ observation: Observation, state: RobustWindow) -> Scores? {
        guard state.values.count >= min(warmup, window) else { return nil }
        let median = Self.median(state.values)
        let mad = Self.median(state.values.map { abs($0 - median) })
        let spread = floor.apply(Self.madScale * mad, level: median)
        let value = observation.value
        return Scores(
            value: value, expected: median, std: spread, z: (value - median) / spread,
            pctChange: Scores.relativeChange(value, against: median))
    }

    public func updated(_ state: RobustWindow, with observation: Observation) -> RobustWindow {
        var next = state
        next.values.append(observation.value)
        if next.values.count > window { next.values.removeFirst(next.values.count - window) }
        return next
    }

    /// The middle value, or the mean of the two middle values; 0 for no values.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
