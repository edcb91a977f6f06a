// Which branches a rule never scored in a replay, and why, so silence is not read as health.

extension Backtest {
    /// One line naming the branches `summary`'s rule never scored, with the reasons a
    /// `peer` rule's roster gives; nil when every branch was scored.
    public func neverScoredNote(_ summary: RuleSummary) -> String? {
        let missed = summary.branchesNeverScored
        guard !missed.isEmpty else { return nil }
        let total = missed.count + summary.branchesScored
        var line =
            "\(summary.rule): \(missed.count) of \(total) branches never scored "
            + "(\(NumberFormat.fixed(summary.unscoredBranchMonths, decimals: 1)) branch-months "
            + "left out of its rate): " + Self.names(missed)
        guard let rule = rules.first(where: { $0.name == summary.rule }),
            case .peer(let peer) = rule.detector
        else {
            return line + "; still warming up when the data ended"
        }
        let groups = peer.groups
        let unlisted = missed.filter { groups.group(of: $0) == nil }
        if !unlisted.isEmpty {
            line += "; not in the branch list: " + Self.names(unlisted)
        }
        let small = groups.undersized(minimumPeers: peer.minimumPeers).filter { group in
            group.branches.contains { missed.contains($0) }
        }
        if !small.isEmpty {
            line +=
                "; in groups with fewer than min_peers + 1 = \(peer.minimumPeers + 1) branches: "
                + small.prefix(10).map { "\"\($0.group)\"" }.joined(separator: ", ")
                + (small.count > 10 ? ", …" : "")
        }
        if unlisted.isEmpty && small.isEmpty {
            line +=
                "; fewer than min_peers (\(peer.minimumPeers)) peers reported with them, "
                + "or warm-up never ended"
        }
        return line
    }

    /// Up to ten names, then how many more.
    private static func names(_ list: [String]) -> String {
        let shown = list.prefix(10).joined(separator: ", ")
        return list.count > 10 ? shown + " and \(list.count - 10) more" : shown
    }
}
