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

    /// The per-value detector behind this spec; nil for `peer` and `absent`, which the
    /// evaluator scores across series.
    var perValue: (any Detector)? {
        switch self {
        case .ewma(let detector): return detector
        case .seasonal(let detector): return detector
        case .robust(let detector): return detector
        case .poisson(let detector): return detector
        case .cusum(let detector): return detector
        case .auto(let detector): return detector
        case .peer, .absent: return nil
        }
    }
}
