// A set of exponentially weighted baselines, one per slot of the week.

/// One `EWMAState` per slot; slots appear as values arrive in them.
public struct SlottedBaseline: DetectorStateValue {
    public var slots: [EWMAState]

    public init() { slots = [] }

    public init(slots: [EWMAState]) {
        self.slots = slots
    }

    /// The state of `slot`; empty before its first value.
    public func slot(_ slot: Int) -> EWMAState {
        slot < slots.count ? slots[slot] : EWMAState()
    }

    /// Folds `value` into `slot` with weight `alpha`.
    public mutating func update(slot: Int, with value: Double, alpha: Double) {
        while slots.count <= slot { slots.append(EWMAState()) }
        slots[slot].update(value, alpha: alpha)
    }

    /// Three numbers per slot: count, mean, variance.
    public var storedValues: [Double] { slots.flatMap(\.storedValues) }

    public init?(storedValues values: [Double]) {
        guard values.count % 3 == 0 else { return nil }
        var slots: [EWMAState] = []
        for start in stride(from: 0, to: values.count, by: 3) {
            guard let slot = EWMAState(storedValues: Array(values[start..<start + 3])) else {
                return nil
            }
            slots.append(slot)
        }
        self.slots = slots
    }

    public var boxed: DetectorState { .slotted(self) }

    public init?(unboxing box: DetectorState) {
        guard case .slotted(let state) = box else { return nil }
        self = state
    }
}
