// Reads one test of a rule test file: its series and the alerts it expects.

/// Reads the entries of a test file's `tests` list against the rules it loaded.
struct TestCaseReader {
    let file: String
    let rules: [Rule]
    let log: DiagnosticLog

    func testCase(_ node: YAMLNode) -> RuleTestCase? {
        guard let reader = MappingReader(node, file: file, what: "a test", log: log) else {
            return nil
        }
        let before = log.items.count
        reader.rejectUnknownKeys(allowed: RuleTestFile.caseKeys)
        let name = reader.string("name", required: true)
        let start = startTime(reader)
        let interval = reader.duration("interval", in: 1...(366 * 86_400)) ?? 86_400
        let nodes = list(reader, "series", required: true)
        let series = nodes.compactMap(self.series)
        let steps = series.map(\.values.count).max() ?? 0
        // With a series unreadable, the expected alerts cannot be checked against the
        // series: its one error is enough, without follow-on ones for each alert.
        let alerts = series.count == nodes.count ? list(reader, "alerts", required: false) : []
        let expected = alerts.compactMap { alert($0, steps: steps, series: series) }
        guard log.items.count == before, let name else { return nil }
        return RuleTestCase(
            name: name.text, mark: reader.mark, start: start, interval: Int64(interval),
            series: series, expected: expected)
    }

    private func startTime(_ reader: MappingReader) -> Int64 {
        // 2024-01-01T00:00:00Z when a test gives none.
        guard let (text, mark) = reader.string("start") else { return 1_704_067_200 }
        guard let time = TimestampParser.parse(Substring(text)) else {
            reader.report(mark, "\"start\" must be a date or date-time, found \"\(text)\"")
            return 0
        }
        return time
    }

    private func list(_ reader: MappingReader, _ key: String, required: Bool) -> [YAMLNode] {
        guard let node = reader.node(key) else {
            if required { reader.report(reader.mark, "missing required key \"\(key)\"") }
            return []
        }
        guard case .sequence(let items, _) = node else {
            reader.report(node.mark, "\"\(key)\" must be a list, found \(node.kindName)")
            return []
        }
        return items
    }

    // MARK: - Series

    private func series(_ node: YAMLNode) -> TestSeries? {
        guard let reader = MappingReader(node, file: file, what: "a series", log: log) else {
            return nil
        }
        reader.rejectUnknownKeys(allowed: RuleTestFile.seriesKeys)
        let branch = reader.string("branch", required: true)
        let metric = reader.string("metric", required: true)
        if let (name, mark) = metric { checkWatched(name, at: mark, reader: reader) }
        let values = reader.string("values", required: true).flatMap { text, mark in
            parseValues(text, mark: mark, reader: reader)
        }
        guard let branch, let metric, let values else { return nil }
        return TestSeries(
            branch: branch.text, metric: metric.text, labels: labels(reader), values: values)
    }

    /// A series of a metric no rule watches would test nothing: most likely a typo.
    private func checkWatched(_ metric: String, at mark: SourceMark, reader: MappingReader) {
        let watched = Set(rules.flatMap(\.metrics)).sorted()
        // Without rules (their files failed to load) there is nothing to check against.
        guard !watched.isEmpty, !watched.contains(metric) else { return }
        var message = "no rule watches metric \"\(metric)\""
        if let suggestion = nearestName(to: metric, in: watched) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        reader.report(mark, message + "; watched: " + watched.joined(separator: ", "))
    }

    /// `10 12 9x28 _ 60`: numbers, `NxK` for N repeated K times, `_` for a step without a value.
    /// A word that is none of these is reported and counts as one step without a value, so
    /// the steps after it, and the alerts expected there, still line up.
    func parseValues(_ text: String, mark: SourceMark, reader: MappingReader) -> [Double?]? {
        var values: [Double?] = []
        var column = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += word.count + 1 }
            guard !word.isEmpty else { continue }
            switch Self.valueWord(word) {
            case .success(let run):
                values += run
            case .failure(let problem):
                let (place, note) = RuleFileLoader.position(of: column + 1, in: text, at: mark)
                reader.report(
                    place,
                    "in \"values\": \"\(word)\" \(problem.reason); write a number (12.5), "
                        + "NxK for N repeated K times (12x30) or _ for no value\(note)")
                values.append(nil)
            }
        }
        return values
    }

    /// Why one word of `values` could not be read.
    struct ValueProblem: Error {
        var reason: String
    }

    /// The steps one word of `values` stands for.
    static func valueWord(_ word: Substring) -> Result<[Double?], ValueProblem> {
        if word == "_" { return .success([nil]) }
        let parts = word.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            return .failure(ValueProblem(reason: "has more than one x"))
        }
        if parts.count == 2, parts[0].isEmpty || parts[1].isEmpty {
            let reason =
                parts[0].isEmpty && parts[1].isEmpty
                ? "stands alone; write NxK without spaces, as 60x4"
                : parts[0].isEmpty ? "has no number before the x" : "has no count after the x"
            return .failure(ValueProblem(reason: reason))
        }
        guard let value = Double(parts[0]), value.isFinite, parts[0].first != "+" else {
            return .failure(ValueProblem(reason: "is not a number"))
        }
        guard parts.count == 2 else { return .success([value]) }
        guard let count = Int(parts[1]), (1...100_000).contains(count) else {
            return .failure(
                ValueProblem(reason: "needs a whole count from 1 to 100000 after the x"))
        }
        return .success(Array(repeating: value, count: count))
    }

    private func labels(_ reader: MappingReader) -> [String: String] {
        guard let node = reader.node("labels") else { return [:] }
        guard case .mapping(let entries, _) = node else {
            reader.report(node.mark, "\"labels\" must map names to values, found \(node.kindName)")
            return [:]
        }
        var labels: [String: String] = [:]
        for entry in entries {
            guard case .scalar(let text, _) = entry.value else {
                reader.report(entry.value.mark, "label \"\(entry.key)\" must be a single value")
                continue
            }
            labels[entry.key] = text
        }
        return labels
    }

    // MARK: - Expected alerts

    private func alert(_ node: YAMLNode, steps: Int, series: [TestSeries]) -> ExpectedAlert? {
        guard let reader = MappingReader(node, file: file, what: "an expected alert", log: log)
        else { return nil }
        reader.rejectUnknownKeys(allowed: RuleTestFile.alertKeys)
        let rule = known(reader, "rule", among: rules.map(\.name), what: "rule")
        let branch = known(reader, "branch", among: series.map(\.branch), what: "series branch")
        let metrics = Set(series.filter { $0.branch == branch }.map(\.metric)).sorted()
        // Without a known branch there is no list of metrics to check against.
        let metric =
            branch == nil
            ? nil
            : reader.node("metric") == nil && metrics.count == 1
                ? metrics.first
                : known(reader, "metric", among: metrics, what: "metric of that branch")
        let step = reader.integer("at", in: 1...max(1, steps))
        let status = known(reader, "status", among: RuleTestFile.statuses, what: nil)
        guard let rule, let branch, let metric, let step, let status else { return nil }
        return ExpectedAlert(rule: rule, branch: branch, metric: metric, step: step, status: status)
    }

    /// The value under `key`, which must be one of `names`.
    /// `what` names what the test defines; nil for a fixed choice such as the status.
    private func known(_ reader: MappingReader, _ key: String, among names: [String], what: String?)
        -> String?
    {
        guard let (text, mark) = reader.string(key, required: true) else { return nil }
        guard names.contains(text) else {
            var message =
                what.map { "no \($0) \"\(text)\" in this test" } ?? "unknown \(key) \"\(text)\""
            if let suggestion = nearestName(to: text, in: names) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            reader.report(mark, message + "; known: " + names.joined(separator: ", "))
            return nil
        }
        return text
    }
}
