// The detector a rule chose, with its settings: one case per detector type.

/// The detector a rule scores its metric with.
public enum DetectorSpec: Sendable, Equatable {
    case ewma(EWMADetector)
    case seasonal(SeasonalDetector)
    case robust(RobustDetector)
    case poisson(PoissonDetector)
    case cusum(CUSUMDetector)
    case peer(PeerDetector)
    case absent(AbsentDetector)
    case auto(AutoDetector)

    /// The name rules use in `detector: { type: … }`.
    public var typeName: String {
        switch self {
        case .ewma: return "ewma"
        case .seasonal: return "seasonal"
        case .robust: return "robust"
        case .poisson: return "poisson"
        case .cusum: return "cusum"
        case .peer: return "peer"
        case .absent: return "absent"
        case .auto: return "auto"
        }
    }

    /// Identifies the state this spec needs. Rules with equal keys share state;
    /// settings that only change scoring (warm-up, floors) are mostly not part of it.
    public var stateKey: String {
        switch self {
        case .ewma(let detector): return detector.stateKey
        case .seasonal(let detector): return detector.stateKey
        case .robust(let detector): return detector.stateKey
        case .poisson(let detector): return detector.stateKey
        case .cusum(let detector): return detector.stateKey
        case .peer(let detector): return detector.stateKey
        case .absent: return "absent"
        case .auto(let detector): return detector.stateKey
        }
    }

    /// True for detectors that score each value against its own series' state; false for
    /// `peer` and `absent`, which the evaluator scores across series.
    var isPerValue: Bool {
        switch self {
        case .peer, .absent: return false
        default: return true
        }
    }

    // The two below switch to each concrete detector rather than hand out an
    // `any Detector`: the existential would box the detector on the heap for every
    // sample, which costs more than the EWMA arithmetic itself.

    /// Scores `observation` against `stored` with a per-value detector; nil while it
    /// warms up, and for `peer` and `absent`.
    func score(_ observation: Observation, stored: DetectorState?) -> Scores? {
        switch self {
        case .ewma(let detector): return detector.score(observation, boxed: stored)
        case .seasonal(let detector): return detector.score(observation, boxed: stored)
        case .robust(let detector): return detector.score(observation, boxed: stored)
        case .poisson(let detector): return detector.score(observation, boxed: stored)
        case .cusum(let detector): return detector.score(observation, boxed: stored)
        case .auto(let detector): return detector.score(observation, boxed: stored)
        case .peer, .absent: return nil
        }
    }

    /// The state after `observation` with a per-value detector; nil for `peer` and `absent`.
    func updated(_ stored: DetectorState?, with observation: Observation) -> DetectorState? {
        switch self {
        case .ewma(let detector): return detector.updated(stored, with: observation)
        case .seasonal(let detector): return detector.updated(stored, with: observation)
        case .robust(let detector): return detector.updated(stored, with: observation)
        case .poisson(let detector): return detector.updated(stored, with: observation)
        case .cusum(let detector): return detector.updated(stored, with: observation)
        case .auto(let detector): return detector.updated(stored, with: observation)
        case .peer, .absent: return nil
        }
    }
}
