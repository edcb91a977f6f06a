// Runs rule tests through the evaluator and shows where produced and expected alerts differ.

/// What one test produced against what it expected.
public struct RuleTestResult: Sendable {
    public var name: String
    public var mark: SourceMark
    public var expected: [ExpectedAlert]
    public var produced: [ExpectedAlert]
    /// Every evaluated sample with its scores, to show why alerts differ.
    public var trace: [EvaluationRow] = []

    public var passed: Bool { Set(expected) == Set(produced) && expected.count == produced.count }
}

/// Replays each test's series through `Evaluator`, the code the daemon runs.
public enum RuleTestRunner {
    public static func run(_ file: RuleTestFile) -> [RuleTestResult] {
        file.cases.map { run($0, rules: file.rules) }
    }

    static func run(_ test: RuleTestCase, rules: [Rule]) -> RuleTestResult {
        var samples: [Sample] = []
        var labels: [SeriesKey: [String: String]] = [:]
        for series in test.series {
            labels[SeriesKey(branch: series.branch, metric: series.metric)] = series.labels
            for (index, value) in series.values.enumerated() {
                guard let value else { continue }
                samples.append(
                    Sample(
                        timestamp: test.start + Int64(index) * test.interval,
                        branch: series.branch, metric: series.metric, value: value))
            }
        }
        let table = labels
        let evaluator = Evaluator(rules: rules) { table[$0.seriesKey] ?? [:] }
        let evaluation = evaluator.evaluate(samples, base: EngineState(), tracing: true)
        let events = evaluation.events
        let produced = events.map { event in
            ExpectedAlert(
                rule: event.rule, branch: event.branch, metric: event.metric,
                step: Int((event.timestamp - test.start) / test.interval) + 1,
                status: event.isReminder ? "reminder" : event.status.rawValue)
        }
        var result = RuleTestResult(
            name: test.name, mark: test.mark, expected: test.expected, produced: produced)
        result.trace = evaluation.trace
        return result
    }

    /// `file:line:col: test "name": ok`, or FAILED and the alerts in step order, each
    /// marked `-` (expected, not produced), `+` (produced, not expected) or ` ` (both).
    public static func report(_ result: RuleTestResult, file: String, start: Int64, interval: Int64)
        -> String
    {
        let head = "\(file):\(result.mark.line):\(result.mark.column): test \"\(result.name)\""
        guard !result.passed else { return head + ": ok" }
        var missing = result.expected
        var lines: [(ExpectedAlert, String)] = []
        for alert in result.produced {
            if let index = missing.firstIndex(of: alert) {
                missing.remove(at: index)
                lines.append((alert, " "))
            } else {
                lines.append((alert, "+"))
            }
        }
        lines += missing.map { ($0, "-") }
        lines.sort {
            ($0.0.step, $0.1, $0.0.rule, $0.0.branch) < ($1.0.step, $1.1, $1.0.rule, $1.0.branch)
        }
        let rows = lines.map { alert, mark in
            let timestamp = start + Int64(alert.step - 1) * interval
            let time = ISOTime.formatLocal(timestamp)
            let line =
                "  \(mark) at \(alert.step) (\(time)): \(alert.rule) \(alert.branch) "
                + "\(alert.metric) \(alert.status)"
            guard mark != " ", let why = scores(of: alert, at: timestamp, in: result.trace)
            else { return line }
            return line + " (\(why))"
        }
        let legend = "  (- expected but not produced, + produced but not expected)"
        return ([head + ": FAILED", legend] + rows).joined(separator: "\n")
    }

    /// `value 500, expected 1000, z -4.2`: what the rule saw at a step where produced and
    /// expected alerts differ; nil when the series had no value there.
    static func scores(of alert: ExpectedAlert, at timestamp: Int64, in trace: [EvaluationRow])
        -> String?
    {
        let row = trace.first {
            $0.timestamp == timestamp && $0.branch == alert.branch && $0.metric == alert.metric
        }
        guard let row else { return nil }
        var parts = row.value.map { ["value " + NumberFormat.plain($0)] } ?? []
        guard let scores = row.scores[alert.rule] else {
            return (parts + ["warming up"]).joined(separator: ", ")
        }
        let shown: [ScoreName] = [.expected, .z, .pctChange, .age]
        for name in shown where name.read(scores).isFinite {
            parts.append(name.rawValue + " " + name.defaultFormat(name.read(scores)))
        }
        return parts.joined(separator: ", ")
    }
}
