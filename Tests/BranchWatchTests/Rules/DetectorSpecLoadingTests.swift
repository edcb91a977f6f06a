// Detector settings in rule files: each type's parameters, and errors with place and hint.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct DetectorSpecLoadingTests {
    /// Loads one rule file (plus optional extra files) and returns the rules or the problems.
    func load(_ rule: String, extra: [String: String] = [:]) throws -> ([Rule], [String]) {
        let directory = try TemporaryDirectory()
        try directory.write("rules/r.yaml", rule)
        for (name, text) in extra { try directory.write(name, text) }
        let path = try directory.write(
            "branchwatch.yaml",
            """
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { hook: { type: console } }
            """)
        do {
            return (try ConfigLoader.load(path).rules, [])
        } catch {
            let prefix = directory.path + "/"
            return (
                [],
                error.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "") }
            )
        }
    }

    func rule(_ detector: String, when: String) -> String {
        """
        rules:
          - name: r
            metric: sales
            detector: \(detector)
            when: \(when)
            notify: [hook]
        """
    }

    @Test func eachTypeReadsItsParameters() throws {
        let (rules, problems) = try load(
            """
            rules:
              - { name: a, metric: m, detector: { type: seasonal, by: hour_of_week, alpha: 0.3 },
                  when: z < -3, notify: [hook] }
              - { name: b, metric: m, detector: { type: robust, window: 21, warmup: 10 },
                  when: z < -3, notify: [hook] }
              - { name: c, metric: m, detector: { type: poisson, by: weekday, min_rate: 0.2 },
                  when: surprise > 6 and p_value < 0.001, notify: [hook] }
              - { name: d, metric: m, detector: { type: cusum, k: 1, direction: up, reset_after: 14d },
                  when: cusum > 5 and shift > 5%, notify: [hook] }
              - { name: e, metric: m, detector: { type: peer, branches: ../roster.csv, group_by: city },
                  when: peer_z < -4 and peers >= 3, notify: [hook] }
              - { name: f, metric: m, detector: { type: absent, warmup: 3 }, when: age >= 2d,
                  notify: [hook] }
            """,
            extra: ["roster.csv": "branch,city\nstore-1,Quito\nstore-2,Quito\nstore-3,Loja\n"])
        try #require(problems.isEmpty, "\(problems)")
        #expect(
            rules.map(\.detector.typeName) == [
                "seasonal", "robust", "poisson", "cusum", "peer", "absent",
            ])
        guard case .seasonal(let seasonal) = rules[0].detector,
            case .robust(let robust) = rules[1].detector,
            case .poisson(let poisson) = rules[2].detector,
            case .cusum(let cusum) = rules[3].detector,
            case .peer(let peer) = rules[4].detector
        else {
            Issue.record("wrong detector types")
            return
        }
        #expect(seasonal.slots == .hourOfWeek && seasonal.parameters.alpha == 0.3)
        #expect(robust.window == 21 && robust.warmup == 10)
        #expect(poisson.slots == .weekday && poisson.minRate == 0.2)
        #expect(cusum.direction == .up && cusum.allowance == 1)
        #expect(cusum.missing.resetAfter == Int64(14 * 86_400))
        #expect(peer.groups.group(of: "store-3") == "Loja")
        #expect(peer.groups.group(of: "store-9") == nil)
    }

    @Test func unknownParameterIsPlacedAndCorrected() throws {
        let (_, problems) = try load(rule("{ type: poisson, alhpa: 0.2 }", when: "surprise > 6"))
        #expect(problems == ["rules/r.yaml:4:32: unknown key \"alhpa\" (did you mean \"alpha\"?)"])
    }

    @Test func parameterOfAnotherDetectorIsRefused() throws {
        let (_, problems) = try load(rule("{ type: robust, alpha: 0.2 }", when: "z < -3"))
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].hasPrefix("rules/r.yaml:4:31: unknown key \"alpha\""))
        #expect(problems[0].contains("window"))
    }

    @Test func scoreTheDetectorDoesNotGiveIsRefusedWithTheOnesItDoes() throws {
        let (_, problems) = try load(rule("{ type: poisson }", when: "p_valeu < 0.01"))
        #expect(
            problems == [
                "rules/r.yaml:5:11: in \"when\": unknown name \"p_valeu\" (did you mean \"p_value\"?)"
            ])
        let (_, pValue) = try load(rule("{ type: ewma }", when: "p_value < 0.001"))
        #expect(
            pValue == [
                "rules/r.yaml:5:11: in \"when\": this detector gives no score \"p_value\"; "
                    + "known names: value, expected, std, z, pct_change; \"p_value\" comes from "
                    + "poisson"
            ])
        let (_, other) = try load(rule("{ type: absent }", when: "age > 2d and z < -3"))
        #expect(
            other == [
                "rules/r.yaml:5:24: in \"when\": this detector gives no score \"z\"; "
                    + "known names: value, age; \"z\" comes from ewma, seasonal, robust, "
                    + "poisson, cusum, auto"
            ])
    }

    @Test func unknownTypeAndChoiceSuggestTheNearestName() throws {
        let (_, problems) = try load(rule("{ type: seasonl }", when: "z < -3"))
        #expect(
            problems.first?.hasPrefix(
                "rules/r.yaml:4:23: unknown detector type \"seasonl\" (did you mean \"seasonal\"?)")
                == true)
        let (_, slots) = try load(rule("{ type: seasonal, by: weekdy }", when: "z < -3"))
        #expect(
            slots == [
                "rules/r.yaml:4:37: \"by\" must be one of none, weekday, hour_of_week "
                    + "(did you mean \"weekday\"?), found \"weekdy\""
            ])
    }

    @Test func messagePlaceholdersFollowTheDetector() throws {
        let (_, problems) = try load(
            """
            rules:
              - name: r
                metric: sales
                detector: { type: poisson }
                when: surprise > 6
                message: "{{branch}}: z {{z}}, p {{p_value}}, peers {{peer_z}}"
                notify: [hook]
            """)
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].contains("unknown placeholder \"{{peer_z}}\""))
    }

    @Test func peerRosterWithoutTheGroupColumnIsReported() throws {
        let (_, problems) = try load(
            rule("{ type: peer, branches: ../roster.csv, group_by: region }", when: "peer_z < -4"),
            extra: ["roster.csv": "branch,city\nstore-1,Quito\n"])
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].hasPrefix("rules/r.yaml:4:39: the branch list "))
        #expect(problems[0].contains("has no \"region\" column (header is \"branch,city\")"))
    }
}
