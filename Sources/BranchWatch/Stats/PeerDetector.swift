// The `peer` detector: a branch's change against the changes of its peer group.

/// A branch's own baseline and the spread of its differences from its peers.
public struct PeerState: DetectorStateValue {
    /// Differences from the peer median seen so far.
    public var residualCount: Int = 0
    /// Exponentially weighted mean square of those differences.
    public var residualMeanSquare: Double = 0
    public var baseline = SlottedBaseline()

    public init() {}

    public var storedValues: [Double] {
        [Double(residualCount), residualMeanSquare] + baseline.storedValues
    }

    public init?(storedValues values: [Double]) {
        guard values.count >= 2, let count = Int(exactly: values[0]),
            let baseline = SlottedBaseline(storedValues: Array(values[2...]))
        else { return nil }
        (residualCount, residualMeanSquare, self.baseline) = (count, values[1], baseline)
    }

    public var boxed: DetectorState { .peer(self) }

    public init?(unboxing box: DetectorState) {
        guard case .peer(let state) = box else { return nil }
        self = state
    }
}

/// Compares each branch's relative change against its own baseline with the median
/// change of the other branches in its group at the same time. A holiday dip that
/// hits the whole region leaves `peer_z` near zero; one branch falling alone does not.
///
/// Scoring needs the peers' changes, so the evaluator scores a group's values together:
/// first `ownChange` for each, then `score` with the others' changes.
public struct PeerDetector: Sendable, Equatable {
    public var slots: SeasonSlots
    /// Own baseline: weight, warm-up per slot. `minStd` floors the residual spread,
    /// in units of relative change (0.05 is five percentage points).
    public var parameters: EWMAParameters
    /// Weight of the newest difference in the residual spread.
    public var beta: Double
    /// Peers that must report at the same time for a score.
    public var minimumPeers: Int
    /// Differences beyond this many spreads are clipped before they update the spread,
    /// so one disaster does not blunt the detector for weeks.
    public var clip: Double
    public var groups: PeerGroups
    public var missing: MissingDataPolicy

    public init(
        slots: SeasonSlots = .weekday,
        parameters: EWMAParameters = EWMAParameters(alpha: 0.2, warmup: 4, minStd: 0.05),
        beta: Double = 0.1, minimumPeers: Int = 3, clip: Double = 3,
        groups: PeerGroups = PeerGroups(), missing: MissingDataPolicy = .init()
    ) {
        self.slots = slots
        self.parameters = parameters
        self.beta = beta
        self.minimumPeers = minimumPeers
        self.clip = clip
        self.groups = groups
        self.missing = missing
    }

    public var stateKey: String {
        "peer:by=\(slots.rawValue):alpha=\(parameters.alpha):beta=\(beta)"
            + ":group=\(groups.identity):min_std=\(parameters.minStd)"
            + ":warmup=\(parameters.warmup):peers=\(minimumPeers):clip=\(clip)" + missing.keySuffix
    }

    /// The state to start from: the stored one, or a fresh one after a long gap.
    public func startingState(_ stored: DetectorState?, before observation: Observation)
        -> PeerState
    {
        if missing.resets(before: observation) { return PeerState() }
        return stored.flatMap(PeerState.init(unboxing:)) ?? PeerState()
    }

    /// This value's relative change against the branch's own baseline; nil in warm-up
    /// and when the baseline is zero, where no relative change exists to compare.
    public func ownChange(_ observation: Observation, state: PeerState) -> Double? {
        let slot = state.baseline.slot(slots.slot(of: observation.localTime))
        guard slot.count >= parameters.warmup, slot.count > 0, slot.mean != 0 else {
            return nil
        }
        return Scores.relativeChange(observation.value, against: slot.mean)
    }

    /// Scores against the median change of the other group members at the same time.
    public func score(
        _ observation: Observation, state: PeerState, peerMedian: Double, peerCount: Int
    ) -> Scores? {
        guard let own = ownChange(observation, state: state), peerCount >= minimumPeers,
            state.residualCount >= parameters.warmup
        else { return nil }
        let spread = residualSpread(state)
        let expected = state.baseline.slot(slots.slot(of: observation.localTime)).mean
        var scores = Scores(
            value: observation.value, expected: expected, std: spread, pctChange: own)
        scores.peerChange = peerMedian
        scores.peerZ = (own - peerMedian) / spread
        scores.peers = Double(peerCount)
        return scores
    }

    /// The state after `observation`; `peerMedian` nil when too few peers reported.
    public func updated(_ state: PeerState, with observation: Observation, peerMedian: Double?)
        -> PeerState
    {
        var next = state
        if let own = ownChange(observation, state: state), let peerMedian {
            let limit = clip * residualSpread(state)
            let residual = own - peerMedian
            let clipped = next.residualCount == 0 ? residual : min(max(residual, -limit), limit)
            next.residualMeanSquare =
                next.residualCount == 0
                ? clipped * clipped
                : (1 - beta) * next.residualMeanSquare + beta * clipped * clipped
            next.residualCount += 1
        }
        let slot = slots.slot(of: observation.localTime)
        next.baseline.update(slot: slot, with: observation.value, alpha: parameters.alpha)
        return next
    }

    /// The median of `sorted` without the element at `position`.
    public static func median(of sorted: [Double], excluding position: Int) -> Double {
        let count = sorted.count - 1
        guard count > 0 else { return .nan }
        func element(_ index: Int) -> Double {
            index < position ? sorted[index] : sorted[index + 1]
        }
        return count % 2 == 1
            ? element(count / 2) : (element(count / 2 - 1) + element(count / 2)) / 2
    }

    private func residualSpread(_ state: PeerState) -> Double {
        max(state.residualMeanSquare.squareRoot(), parameters.minStd, 1e-9)
    }
}

/// Which peer group each branch belongs to.
public struct PeerGroups: Sendable, Equatable, Hashable {
    /// Branch to group; empty means every branch is in one group.
    public var groupOfBranch: [String: String]
    /// Names the grouping in state keys, e.g. `region@branches.csv`.
    public var identity: String

    public init(groupOfBranch: [String: String] = [:], identity: String = "all") {
        self.groupOfBranch = groupOfBranch
        self.identity = identity
    }

    /// The group of `branch`; nil for a branch the roster does not list.
    public func group(of branch: String) -> String? {
        groupOfBranch.isEmpty ? "*" : groupOfBranch[branch]
    }

    /// Groups of the roster too small for any member to be scored: a score needs
    /// `minimumPeers` other members reporting at the same time. Sorted by group, each
    /// with its branches sorted; empty without a roster, where the data decides.
    public func undersized(minimumPeers: Int) -> [(group: String, branches: [String])] {
        var members: [String: [String]] = [:]
        for (branch, group) in groupOfBranch { members[group, default: []].append(branch) }
        return members.filter { $0.value.count < minimumPeers + 1 }
            .map { (group: $0.key, branches: $0.value.sorted()) }
            .sorted { $0.group < $1.group }
    }
}
