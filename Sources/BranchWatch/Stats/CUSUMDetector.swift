// The `cusum` detector: a one-sided cumulative sum that adds up a sustained shift.

/// The running sum and the baseline it is measured against.
public struct CUSUMState: DetectorStateValue {
    /// The cumulative sum, in standard deviations; never below zero.
    public var sum: Double = 0
    /// Values in the current run (since the sum was last zero).
    public var runLength: Int = 0
    /// Sum of the relative changes over the current run; a value with nothing expected
    /// (no relative change) adds nothing.
    public var runChange: Double = 0
    public var baseline = SlottedBaseline()

    public init() {}

    public var storedValues: [Double] {
        [sum, Double(runLength), runChange] + baseline.storedValues
    }

    public init?(storedValues values: [Double]) {
        guard values.count >= 3, let run = Int(exactly: values[1]),
            let baseline = SlottedBaseline(storedValues: Array(values[3...]))
        else { return nil }
        (sum, runLength, runChange, self.baseline) = (values[0], run, values[2], baseline)
    }

    public var boxed: DetectorState { .cusum(self) }

    public init?(unboxing box: DetectorState) {
        guard case .cusum(let state) = box else { return nil }
        self = state
    }
}

/// Which way a cusum looks for a shift.
public enum ShiftDirection: String, Sendable, CaseIterable, Hashable {
    case down, up
}

/// Accumulates `max(0, S + d·z − k)` where `z` is each value's deviation from a slowly
/// learning baseline and `d` is -1 for a decline: small daily shortfalls that a
/// z-score ignores add up until the sum crosses the rule's limit.
public struct CUSUMDetector: Detector {
    public var slots: SeasonSlots
    /// Baseline weight and warm-up (per slot), and the floors under its spread.
    public var parameters: EWMAParameters
    /// Allowance per value in standard deviations: shifts smaller than this never add up.
    public var allowance: Double
    public var direction: ShiftDirection
    public var missing: MissingDataPolicy

    public init(
        slots: SeasonSlots = .none,
        parameters: EWMAParameters = EWMAParameters(alpha: 0.05, warmup: 14),
        allowance: Double = 0.5, direction: ShiftDirection = .down,
        missing: MissingDataPolicy = .init()
    ) {
        self.slots = slots
        self.parameters = parameters
        self.allowance = allowance
        self.direction = direction
        self.missing = missing
    }

    /// The sum depends on every setting that shapes `z`, so all of them are in the key.
    public var stateKey: String {
        "cusum:by=\(slots.rawValue):alpha=\(parameters.alpha):k=\(allowance)"
            + ":dir=\(direction.rawValue):warmup=\(parameters.warmup)"
            + ":min_std=\(parameters.minStd):min_std_pct=\(parameters.minStdFraction)"
            + missing.keySuffix
    }

    public func score(_ observation: Observation, state: CUSUMState) -> Scores? {
        guard var scores = baselineScores(observation, state: state) else { return nil }
        let next = accumulate(state, scores: scores)
        scores.cusum = next.sum
        scores.shift = next.runLength > 0 ? next.runChange / Double(next.runLength) : 0
        return scores
    }

    public func updated(_ state: CUSUMState, with observation: Observation) -> CUSUMState {
        var next = state
        if let scores = baselineScores(observation, state: state) {
            next = accumulate(state, scores: scores)
        }
        let slot = slots.slot(of: observation.localTime)
        next.baseline.update(slot: slot, with: observation.value, alpha: parameters.alpha)
        return next
    }

    private func baselineScores(_ observation: Observation, state: CUSUMState) -> Scores? {
        let slot = state.baseline.slot(slots.slot(of: observation.localTime))
        return slot.score(observation.value, parameters: parameters)
    }

    /// The sum and run after one scored value.
    private func accumulate(_ state: CUSUMState, scores: Scores) -> CUSUMState {
        var next = state
        let signed = direction == .down ? -scores.z : scores.z
        next.sum = max(0, state.sum + signed - allowance)
        if next.sum > 0 {
            next.runLength += 1
            next.runChange += scores.pctChange.isNaN ? 0 : scores.pctChange
        } else {
            next.runLength = 0
            next.runChange = 0
        }
        return next
    }
}
