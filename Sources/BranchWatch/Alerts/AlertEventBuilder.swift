// Fills in an alert event, its message, labels and annotations from a rule and one sample.

enum AlertEventBuilder {
    static func event(
        _ status: AlertEvent.Status, rule: Rule, facts: AlertFacts, isReminder: Bool = false
    ) -> AlertEvent {
        let scores = facts.scores
        // The rule's template describes a problem; filled with the calm value that ended
        // it, it would read like a new alert, so a resolution gets a plain sentence.
        let message =
            status == .firing
            ? rule.message.render(facts)
            : "\(rule.name) no longer holds for \(facts.branch) \(facts.metric): "
                + "\(NumberFormat.plain(scores.value)) against about "
                + "\(NumberFormat.plain(scores.expected)) "
                + "(z \(NumberFormat.fixed(scores.z, decimals: 1)))"
        // The rule's own labels win over the sample's: they are what the rule's author
        // chose for routing and silencing.
        let labels = facts.labels.merging(rule.labelTemplates.mapValues { $0.render(facts) }) {
            _, rule in rule
        }
        var event = AlertEvent(
            status: status, rule: rule.name, severity: rule.severity, branch: facts.branch,
            metric: facts.metric, value: scores.value, expected: scores.expected, z: scores.z,
            pctChange: scores.pctChange, timestamp: facts.timestamp,
            message: message, labels: labels)
        event.annotations = rule.annotations.mapValues { $0.render(facts) }
        event.isReminder = isReminder
        event.magnitude = magnitude(scores)
        return event
    }

    /// The first score that says how unusual the sample is: |z|, |peer_z|, surprise, age
    /// or |pct_change|.
    static func magnitude(_ scores: Scores) -> Double {
        let candidates = [
            abs(scores.z), abs(scores.peerZ), scores.surprise, scores.age, abs(scores.pctChange),
        ]
        return candidates.first { $0.isFinite } ?? .nan
    }
}
