// The `seasonal` detector: each value against past values of the same weekday or hour.

/// Keeps an exponentially weighted mean and variance per slot of the week, so a
/// Sunday is compared with past Sundays and a weekly rhythm is not news.
public struct SeasonalDetector: Detector {
    public var slots: SeasonSlots
    /// `alpha` is the weight of the newest value in its slot; `warmup` counts values
    /// in the same slot (4 means four earlier Sundays before a Sunday is scored).
    public var parameters: EWMAParameters
    public var missing: MissingDataPolicy

    public init(
        slots: SeasonSlots = .weekday,
        parameters: EWMAParameters = EWMAParameters(alpha: 0.2, warmup: 4),
        missing: MissingDataPolicy = .init()
    ) {
        self.slots = slots
        self.parameters = parameters
        self.missing = missing
    }

    public var stateKey: String {
        "seasonal:by=\(slots.rawValue):alpha=\(parameters.alpha)" + missing.keySuffix
    }

    public func score(_ observation: Observation, state: SlottedBaseline) -> Scores? {
        let slot = slots.slot(of: observation.localTime)
        return state.slot(slot).score(observation.value, parameters: parameters)
    }

    public func updated(_ state: SlottedBaseline, with observation: Observation)
        -> SlottedBaseline
    {
        var next = state
        let slot = slots.slot(of: observation.localTime)
        next.update(slot: slot, with: observation.value, alpha: parameters.alpha)
        return next
    }
}
