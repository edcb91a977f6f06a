// The stored state of any detector, boxed so that one table can hold every kind.

/// The state one detector keeps for one series.
public enum DetectorState: Sendable, Equatable {
    case ewma(EWMAState)
    case slotted(SlottedBaseline)
    case window(RobustWindow)
    case cusum(CUSUMState)
    case peer(PeerState)
    /// Boxed on the heap: the auto state is hundreds of bytes, and held inline it would set
    /// the size of every other case too, ewma's 24 bytes included, in every stored entry.
    indirect case auto(AutoState)

    /// The numbers to store.
    public var storedValues: [Double] {
        switch self {
        case .ewma(let state): return state.storedValues
        case .slotted(let state): return state.storedValues
        case .window(let state): return state.storedValues
        case .cusum(let state): return state.storedValues
        case .peer(let state): return state.storedValues
        case .auto(let state): return state.storedValues
        }
    }

    /// Restores the state stored under `stateKey`; its type is the key's first part.
    ///
    /// Nil when the type is unknown or the numbers do not fit: the series then starts
    /// afresh, which costs a warm-up but never a wrong score.
    public static func restore(stateKey: String, values: [Double]) -> DetectorState? {
        // A prefix, not a split: this runs once per stored row at start-up.
        let type = stateKey.prefix { $0 != ":" }
        switch type {
        case "ewma": return EWMAState(storedValues: values)?.boxed
        case "seasonal", "poisson": return SlottedBaseline(storedValues: values)?.boxed
        case "robust": return RobustWindow(storedValues: values)?.boxed
        case "cusum": return CUSUMState(storedValues: values)?.boxed
        case "peer": return PeerState(storedValues: values)?.boxed
        case "auto": return AutoState(storedValues: values)?.boxed
        default: return nil
        }
    }
}

extension EWMAState: DetectorStateValue {
    public init() { self.init(count: 0, mean: 0, variance: 0) }

    public var boxed: DetectorState { .ewma(self) }

    public init?(unboxing box: DetectorState) {
        guard case .ewma(let state) = box else { return nil }
        self = state
    }
}
