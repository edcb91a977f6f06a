// Scores the `peer` detectors of one time step, once every branch of the step is known.

extension Evaluator {
    /// The peer-detector values of one step, waiting for their group's median.
    struct PeerBatch {
        struct Entry {
            var sample: Sample
            var observation: Observation
            var target: Step.Target
            var detector: PeerDetector
            var state: PeerState
            var group: DetectorGroup
            var row: Int?
        }

        private var entries: [Entry] = []

        mutating func add(_ entry: Entry) {
            entries.append(entry)
        }

        /// Scores and updates every entry against the other members of its peer group.
        func resolve(into step: inout Step) {
            var members: [String: [Int]] = [:]
            for (index, entry) in entries.enumerated() {
                guard let group = entry.detector.groups.group(of: entry.sample.branch) else {
                    continue
                }
                let id = [entry.group.stateKey, entry.sample.metric, group].joined(
                    separator: "\u{1}")
                members[id, default: []].append(index)
            }
            var medians: [Int: (median: Double, count: Int)] = [:]
            for indexes in members.values {
                medians.merge(peerMedians(indexes)) { first, _ in first }
            }
            for (index, entry) in entries.enumerated() {
                finish(entry, peers: medians[index], into: &step)
            }
        }

        /// For each member with its own change, the median change of the others.
        private func peerMedians(_ indexes: [Int]) -> [Int: (median: Double, count: Int)] {
            let changes = indexes.compactMap { index in
                entries[index].detector.ownChange(
                    entries[index].observation, state: entries[index].state
                ).map { (index: index, change: $0) }
            }
            let sorted = changes.sorted { $0.change < $1.change }
            let values = sorted.map(\.change)
            var result: [Int: (median: Double, count: Int)] = [:]
            for (position, member) in sorted.enumerated() where values.count > 1 {
                let median = PeerDetector.median(of: values, excluding: position)
                result[member.index] = (median, values.count - 1)
            }
            return result
        }

        private func finish(
            _ entry: Entry, peers: (median: Double, count: Int)?, into step: inout Step
        ) {
            for rule in entry.group.rules {
                guard case .peer(let detector) = rule.detector else { continue }
                let scores = peers.flatMap {
                    detector.score(
                        entry.observation, state: entry.state, peerMedian: $0.median,
                        peerCount: $0.count)
                }
                step.judge(entry.sample, entry.target, rule: rule, scores: scores, row: entry.row)
            }
            let usable = peers.flatMap { $0.count >= entry.detector.minimumPeers ? $0.median : nil }
            let next = entry.detector.updated(
                entry.state, with: entry.observation, peerMedian: usable)
            step.setDetector(next.boxed, entry.target)
        }
    }
}
