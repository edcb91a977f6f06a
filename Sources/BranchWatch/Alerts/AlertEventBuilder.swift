// Fills in an alert event and its message from a rule, a sample and its scores.

enum AlertEventBuilder {
    static func event(_ status: AlertEvent.Status, rule: Rule, sample: Sample, scores: Scores)
        -> AlertEvent
    {
        let context = messageContext(rule: rule, sample: sample, scores: scores)
        // The rule's template describes a problem; filled with the calm value that ended
        // it, it would read like a new alert, so a resolution gets a plain sentence.
        let message =
            status == .firing
            ? rule.message.render(context)
            : "\(rule.name) no longer holds for \(sample.branch) \(sample.metric): "
                + "\(context["value"] ?? "") against about \(context["expected"] ?? "") "
                + "(z \(context["z"] ?? ""))"
        return AlertEvent(
            status: status, rule: rule.name, severity: rule.severity, branch: sample.branch,
            metric: sample.metric, value: sample.value, expected: scores.expected, z: scores.z,
            pctChange: scores.pctChange, timestamp: sample.timestamp,
            message: message, labels: [:])
    }

    /// The names a message template can use, formatted for reading.
    static func messageContext(rule: Rule, sample: Sample, scores: Scores) -> [String: String] {
        [
            "branch": sample.branch,
            "metric": sample.metric,
            "rule": rule.name,
            "severity": rule.severity.rawValue,
            "timestamp": ISOTime.formatLocal(sample.timestamp),
            "value": NumberFormat.plain(scores.value),
            "expected": NumberFormat.plain(scores.expected),
            "z": NumberFormat.fixed(scores.z, decimals: 1),
            "pct_change": NumberFormat.percent(scores.pctChange),
            "std": NumberFormat.plain(scores.std),
            "p_value": NumberFormat.significant(scores.pValue),
            "surprise": NumberFormat.fixed(scores.surprise, decimals: 1),
            "cusum": NumberFormat.fixed(scores.cusum, decimals: 1),
            "shift": NumberFormat.percent(scores.shift),
            "peer_z": NumberFormat.fixed(scores.peerZ, decimals: 1),
            "peer_change": NumberFormat.percent(scores.peerChange),
            "peers": NumberFormat.plain(scores.peers),
            "age": NumberFormat.plain(scores.age, decimals: 1),
        ].merging(scores.autoMessageFields) { kept, _ in kept }
    }
}
