// What a replay's alerts would have become on delivery: first firings, reminders, muted.

extension Backtest {
    /// One rule's events in a replay, by what delivery would have done with them.
    public struct DeliveryTally: Sendable, Equatable {
        /// First firing messages sent (a firing owed after inhibition counts once, when sent).
        public var firings = 0
        /// "Still firing" reminders sent.
        public var reminders = 0
        /// Firings and reminders muted by a firing region-wide alert (`inhibit`).
        public var muted = 0
        /// Branches with at least one firing sent.
        public var branches: Set<String> = []
    }

    /// Plans delivery of the replay's events step by step, as the daemon would with no
    /// silences (the backtest has none), and tallies them per rule.
    public var deliveryTallies: [String: DeliveryTally] {
        var plain = rules
        for index in plain.indices { plain[index].notify = ["replay"] }
        let planner = DeliveryPlanner(rules: plain, routes: [], notifiers: [:])
        var firing: Set<AlertKey> = []
        var owed: [AlertKey: Bool] = [:]
        var tallies: [String: DeliveryTally] = [:]
        for step in Self.steps(evaluation.events) {
            for event in step {
                let key = AlertKey(
                    rule: event.rule, series: SeriesKey(branch: event.branch, metric: event.metric))
                if event.status == .resolved { firing.remove(key) } else { firing.insert(key) }
            }
            let plan = planner.plan(
                step, silences: [], isFiring: { firing.contains($0) },
                wasMuted: { owed[$0] ?? false })
            owed.merge(plan.firingMuted) { $1 }
            for item in plan.muted where item.event.status == .firing {
                tallies[item.event.rule, default: DeliveryTally()].muted += 1
            }
            for event in plan.messages.flatMap(\.events) where event.status == .firing {
                var tally = tallies[event.rule, default: DeliveryTally()]
                if event.isReminder {
                    tally.reminders += 1
                } else {
                    tally.firings += 1
                    tally.branches.insert(event.branch)
                }
                tallies[event.rule] = tally
            }
        }
        return tallies
    }

    /// Events split into runs of one sample time, in order.
    private static func steps(_ events: [AlertEvent]) -> [[AlertEvent]] {
        var steps: [[AlertEvent]] = []
        for event in events {
            if let last = steps.last?.last, last.timestamp == event.timestamp {
                steps[steps.count - 1].append(event)
            } else {
                steps.append([event])
            }
        }
        return steps
    }
}
