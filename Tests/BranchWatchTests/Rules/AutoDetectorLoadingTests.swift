// `type: auto` in rule files: defaults, windows in samples and time, its scores and words.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct AutoDetectorLoadingTests {
    let loader = DetectorSpecLoadingTests()

    @Test func bareAutoTakesTheDefaults() throws {
        let (rules, problems) = try loader.load(
            loader.rule("{ type: auto }", when: "anomaly >= 5.5 and reason != 3"))
        try #require(problems.isEmpty, "\(problems)")
        guard case .auto(let detector) = rules.first?.detector else {
            Issue.record("not an auto detector")
            return
        }
        #expect(detector.parameters == AutoParameters())
        #expect(detector.stateKey == "auto:short=30/259200:long=5000/31536000:median=288/2419200")
    }

    @Test func windowsReadSamplesAndSpans() throws {
        let (rules, problems) = try loader.load(
            loader.rule(
                "{ type: auto, short: 10, short_span: 12h, long_span: 90d, median: 50, "
                    + "warmup: 60, novelty_margin: 5%, reset_after: 7d }",
                when: "anomaly >= 5"))
        try #require(problems.isEmpty, "\(problems)")
        guard case .auto(let detector) = rules.first?.detector else {
            Issue.record("not an auto detector")
            return
        }
        let parameters = detector.parameters
        #expect(parameters.short == SampleWindow(samples: 10, span: 43_200))
        #expect(parameters.long == SampleWindow(samples: 5000, span: 90 * 86_400))
        #expect(parameters.median == SampleWindow(samples: 50, span: 28 * 86_400))
        #expect(parameters.warmup == 60 && parameters.noveltyMargin == 0.05)
        #expect(detector.missing.resetAfter == Int64(7 * 86_400))
    }

    @Test func badSettingsArePlaced() throws {
        let (_, problems) = try loader.load(
            loader.rule("{ type: auto, shortt: 5 }", when: "novel == 1"))
        #expect(problems == ["rules/r.yaml:4:29: unknown key \"shortt\" (did you mean \"short\"?)"])
        let (_, scores) = try loader.load(loader.rule("{ type: auto }", when: "surprise > 3"))
        #expect(
            scores == [
                "rules/r.yaml:5:11: in \"when\": this detector gives no score \"surprise\"; "
                    + "known names: value, expected, std, z, pct_change, anomaly, novel, reason; "
                    + "\"surprise\" comes from poisson"
            ])
    }

    @Test func messagesMayNameTheReasonAndItReadsAsAWord() throws {
        let template = try MessageTemplate(
            "{{branch}} {{value}} ({{reason}}, anomaly {{anomaly}}, novel {{novel}})",
            scores: DetectorSpec.auto(AutoDetector()).scoreNames)
        var scores = Scores(value: 50, expected: 1.6)
        (scores.anomaly, scores.novel, scores.reason) = (99, 1, 3)
        let facts = AlertFacts(
            rule: "r", severity: .warning, branch: "queens", metric: "complaints",
            timestamp: 0, scores: scores, labels: [:])
        #expect(template.render(facts) == "queens 50 (novelty, anomaly 99.0, novel yes)")
        scores.reason = 2
        #expect(scores.autoMessageFields["reason"] == "median")
        #expect(Scores(value: 1, expected: 1).autoMessageFields.isEmpty)
    }
}
