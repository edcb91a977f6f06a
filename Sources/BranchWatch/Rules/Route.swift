// A route: alerts matching a condition over severity and labels also go to more notifiers.

/// Sends the alerts for which `condition` holds to `notify`, besides their rule's own.
///
/// The condition is in the rule language but sees no scores: only `rule`, `severity`,
/// `branch`, `metric` and labels, as in `severity == "critical" and region == "East"`.
public struct Route: Sendable {
    public var condition: Condition
    public var notify: [String]

    public init(condition: Condition, notify: [String]) {
        self.condition = condition
        self.notify = notify
    }

    /// The notifiers of `event`: its rule's, then those of every route it matches, once each.
    public static func notifiers(
        for event: AlertEvent, ruleNotifiers: [String], routes: [Route]
    ) -> [String] {
        var names = ruleNotifiers
        let facts = AlertFacts(event)
        for route in routes where route.condition.holds(facts) {
            names += route.notify.filter { !names.contains($0) }
        }
        return names
    }
}

extension AlertFacts {
    /// The facts of an event, for routes: its text fields, labels and the scores it carries.
    public init(_ event: AlertEvent) {
        var scores = Scores(
            value: event.value, expected: event.expected, z: event.z, pctChange: event.pctChange)
        scores.std = .nan
        self.init(
            rule: event.rule, severity: event.severity, branch: event.branch,
            metric: event.metric, timestamp: event.timestamp, scores: scores,
            labels: event.labels)
    }
}
