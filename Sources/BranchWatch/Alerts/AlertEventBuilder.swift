// Fills in an alert event and its message from a rule and the facts of one sample.

enum AlertEventBuilder {
    static func event(_ status: AlertEvent.Status, rule: Rule, facts: AlertFacts) -> AlertEvent {
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
        return AlertEvent(
            status: status, rule: rule.name, severity: rule.severity, branch: facts.branch,
            metric: facts.metric, value: scores.value, expected: scores.expected, z: scores.z,
            pctChange: scores.pctChange, timestamp: facts.timestamp,
            message: message, labels: facts.labels)
    }
}
