// Alerts left behind when a rule is removed, renamed, or stops watching a metric.

/// An alert whose rule no longer evaluates its series, and why.
public struct OrphanAlert: Sendable, Equatable {
    public var key: AlertKey
    public var state: AlertState
    public var reason: String
}

/// Finds alerts the current rules will never evaluate again.
///
/// Left alone, such an alert would stay firing for ever: nothing can resolve it. This is
/// a pure function of the alerts and the rules, so start-up and a reload agree.
public enum OrphanAlerts {
    /// Every alert in `alerts` whose rule is not in `rules` or no longer watches its metric.
    public static func find(in alerts: [AlertKey: AlertState], rules: [Rule]) -> [OrphanAlert] {
        let byName = Dictionary(
            rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var orphans: [OrphanAlert] = []
        for (key, state) in alerts {
            guard let rule = byName[key.rule] else {
                let reason =
                    "rule \"\(key.rule)\" is no longer in the rule files (removed or renamed)"
                orphans.append(OrphanAlert(key: key, state: state, reason: reason))
                continue
            }
            if !rule.applies(to: key.series.metric) {
                let reason =
                    "rule \"\(key.rule)\" no longer watches metric \"\(key.series.metric)\""
                orphans.append(OrphanAlert(key: key, state: state, reason: reason))
            }
        }
        return orphans.sorted {
            ($0.key.rule, $0.key.series.branch, $0.key.series.metric)
                < ($1.key.rule, $1.key.series.branch, $1.key.series.metric)
        }
    }
}
