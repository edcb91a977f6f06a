// The shape every per-series detector shares: a pure value scoring against a stored state.

/// A detector that scores each value of one series against the state before it.
///
/// Detectors are plain values: parameters in, scores and the next state out, with no
/// I/O. The engine keeps one `State` per series and state key, persists it, and gives
/// it back; rules whose detectors have equal state keys share that state.
public protocol Detector: Sendable, Equatable {
    associatedtype State: DetectorStateValue

    /// Identifies the state this detector needs: its type and the settings that shape it.
    var stateKey: String { get }
    /// What to do about a long gap before a value.
    var missing: MissingDataPolicy { get }
    /// Scores `observation` against `state`; nil while warming up.
    func score(_ observation: Observation, state: State) -> Scores?
    /// The state after folding in `observation`.
    func updated(_ state: State, with observation: Observation) -> State
}

/// A detector state that can be stored as numbers and boxed as a `DetectorState`.
public protocol DetectorStateValue: Sendable, Equatable {
    /// The empty state of a series that has not been seen.
    init()
    /// The state as numbers, for storage.
    var storedValues: [Double] { get }
    /// Restores a state from `storedValues`; nil when the numbers do not fit.
    init?(storedValues: [Double])
    /// This state, boxed.
    var boxed: DetectorState { get }
    /// The state inside `box`, or nil when it holds another kind.
    init?(unboxing box: DetectorState)
}

extension Detector {
    /// The state to score against: the stored one, or a fresh one after a long gap.
    public func startingState(_ stored: DetectorState?, before observation: Observation)
        -> State
    {
        if missing.resets(before: observation) { return State() }
        return stored.flatMap(State.init(unboxing:)) ?? State()
    }

    /// `score(_:state:)` on a boxed state.
    public func score(_ observation: Observation, boxed stored: DetectorState?) -> Scores? {
        score(observation, state: startingState(stored, before: observation))
    }

    /// `updated(_:with:)` on a boxed state.
    public func updated(_ stored: DetectorState?, with observation: Observation)
        -> DetectorState
    {
        updated(startingState(stored, before: observation), with: observation).boxed
    }
}
