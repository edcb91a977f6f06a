// Reads a rule test file: the rule files under test, input series, and the alerts expected.

/// One series of a test: values at `start`, `start + interval`, …; nil skips a step.
public struct TestSeries: Sendable {
    public var branch: String
    public var metric: String
    public var labels: [String: String]
    public var values: [Double?]
}

/// An alert a test expects: which rule, where, at which step (1-based), and what happened.
public struct ExpectedAlert: Sendable, Hashable {
    public var rule: String
    public var branch: String
    public var metric: String
    public var step: Int
    /// `firing`, `resolved` or `reminder`.
    public var status: String
}

/// One named test: input series and the alerts they must cause, no more, no fewer.
public struct RuleTestCase: Sendable {
    public var name: String
    public var mark: SourceMark
    public var start: Int64
    public var interval: Int64
    public var series: [TestSeries]
    public var expected: [ExpectedAlert]
}

/// A test file and the rules it loads.
public struct RuleTestFile: Sendable {
    public var file: String
    public var rules: [Rule]
    public var cases: [RuleTestCase]
    /// Mistakes in tests that could not be read; the other tests still run.
    public var problems: [Diagnostic] = []
    /// How many tests could not be read.
    public var unreadable = 0

    static let topKeys = ["rule_files", "timezone", "tests"]
    static let caseKeys = ["name", "start", "interval", "series", "alerts"]
    static let seriesKeys = ["branch", "metric", "labels", "values"]
    static let alertKeys = ["rule", "branch", "metric", "at", "status"]
    static let statuses = ["firing", "resolved", "reminder"]

    /// Loads `path` and the rule files it names (relative to it); every problem is reported.
    /// A mistake in one test leaves that test out, in `problems`; a mistake in the file
    /// itself or its rules throws. Sets the process time zone to the file's `timezone`
    /// (UTC by default).
    public static func load(_ path: String) throws(ConfigError) -> RuleTestFile {
        let log = DiagnosticLog()
        let loaded = read(path, log: log)
        guard let loaded, log.items.count == loaded.problems.count else {
            throw ConfigError(diagnostics: log.items)
        }
        return loaded
    }

    private static func read(_ path: String, log: DiagnosticLog) -> RuleTestFile? {
        let root: YAMLNode
        do {
            root = try YAMLParser.parse(try FileSystem.readFile(path))
        } catch let error as YAMLSyntaxError {
            log.add(path, error.mark, "not valid YAML: \(error.problem)")
            return nil
        } catch {
            log.add(path, SourceMark(line: 1, column: 1), "cannot read the test file: \(error)")
            return nil
        }
        guard let top = MappingReader(root, file: path, what: "a rule test file", log: log)
        else { return nil }
        top.rejectUnknownKeys(allowed: topKeys)
        let zone = top.string("timezone")
        do {
            try TimeZoneSetting.apply(zone?.text ?? "UTC")
        } catch {
            top.report(zone?.mark ?? top.mark, error.description)
        }
        let base = Path.split(path).directory
        var rules: [Rule] = []
        let names = RuleNames()
        for (name, mark) in top.names("rule_files", required: true) {
            let file = Path.join(base, name)
            guard FileSystem.isRegularFile(file) else {
                top.report(mark, "no rule file at \(file)")
                continue
            }
            var loader = RuleFileLoader(
                file: file, notifiers: [], log: log, checksNotifiers: false)
            loader.declaredLabels = seriesLabels(top.node("tests"))
            loader.names = names
            rules += loader.load()
        }
        let reader = TestCaseReader(file: path, rules: rules, log: log)
        guard let list = top.node("tests") else {
            top.report(top.mark, "missing required key \"tests\" (a list of tests)")
            return nil
        }
        guard case .sequence(let items, _) = list else {
            top.report(list.mark, "\"tests\" must be a list of tests, found \(list.kindName)")
            return nil
        }
        let before = log.items.count
        let cases = items.compactMap(reader.testCase)
        var file = RuleTestFile(file: path, rules: rules, cases: cases)
        file.problems = Array(log.items[before...])
        file.unreadable = items.count - cases.count
        return file
    }

    /// The label names the file's series carry: a test declares labels by giving them.
    /// Read quietly; `TestCaseReader` reports malformed series.
    static func seriesLabels(_ tests: YAMLNode?) -> Set<String> {
        guard case .sequence(let cases, _) = tests else { return [] }
        var names: Set<String> = []
        for case .mapping(let keys, _) in cases {
            guard case .sequence(let series, _)? = keys.first(where: { $0.key == "series" })?.value
            else { continue }
            for case .mapping(let fields, _) in series {
                guard
                    case .mapping(let labels, _)? = fields.first(where: { $0.key == "labels" })?
                        .value
                else { continue }
                names.formUnion(labels.map(\.key))
            }
        }
        return names
    }
}
