// Writes a replay as CSV: each sample, every rule's scores, and which rules fired on it.

/// The CSV a backtest writes: `timestamp,branch,metric,value`, then `<rule>.<score>` for
/// each score of each rule's detector, then one 0/1 column per rule.
public enum ScoreTable {
    /// The header line's columns.
    public static func columns(for rules: [Rule]) -> [String] {
        let scores = rules.flatMap { rule in
            rule.detector.scoreNames.filter { $0 != .value }.map { "\(rule.name).\($0.rawValue)" }
        }
        return ["timestamp", "branch", "metric", "value"] + scores + rules.map(\.name)
    }

    /// The whole table; rows without a value (a silent series) leave `value` empty, and a
    /// rule that gave no score (warm-up) leaves its score cells empty.
    public static func render(_ backtest: Backtest) -> String {
        var lines = [columns(for: backtest.rules).joined(separator: ",")]
        lines.reserveCapacity(backtest.evaluation.trace.count + 1)
        for row in backtest.evaluation.trace {
            lines.append(line(row, rules: backtest.rules))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func line(_ row: EvaluationRow, rules: [Rule]) -> String {
        var cells = [
            ISOTime.formatLocal(row.timestamp), quoted(row.branch), quoted(row.metric),
            row.value.map(number) ?? "",
        ]
        for rule in rules {
            let scores = row.scores[rule.name]
            for name in rule.detector.scoreNames where name != .value {
                cells.append(scores.map { number(name.read($0)) } ?? "")
            }
        }
        cells += rules.map { row.fired.contains($0.name) ? "1" : "0" }
        return cells.joined(separator: ",")
    }

    /// Shortest round-tripping form; empty for not-a-number.
    private static func number(_ value: Double) -> String {
        guard !value.isNaN else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func quoted(_ text: String) -> String {
        guard text.contains(",") || text.contains("\"") else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}
