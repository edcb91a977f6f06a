// Units in detector settings and conditions: durations need one, percentages say theirs.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct UnitsLoadingTests {
    /// Loads one rule with `detector` and `when`; the rules, errors and warnings, with the
    /// temporary folder left out of places.
    func load(_ detector: String, when: String = "z <= -3") throws
        -> (rules: [Rule], errors: [String], warnings: [String])
    {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/r.yaml",
            """
            rules:
              - name: r
                metric: sales
                detector: \(detector)
                when: \(when)
                notify: [hook]
            """)
        let path = try directory.write(
            "branchwatch.yaml",
            "inbox: { path: inbox }\nrules: [rules/*.yaml]\nnotifiers: { hook: { type: console } }\n"
        )
        let prefix = directory.path + "/"
        do {
            let config = try ConfigLoader.load(path)
            return (
                config.rules, [],
                config.warnings.map {
                    $0.warningDescription.replacingOccurrences(of: prefix, with: "")
                }
            )
        } catch {
            return (
                [],
                error.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "") },
                []
            )
        }
    }

    @Test func aDurationWithoutAUnitIsRefusedWithAHint() throws {
        let loaded = try load("{ type: ewma, reset_after: 2 }")
        #expect(
            loaded.errors == [
                "rules/r.yaml:4:42: \"reset_after\" needs a unit: write 2d for days "
                    + "(or 2h, 2m, 2s), found \"2\""
            ])
        let span = try load("{ type: auto, short_span: 3 }")
        #expect(span.errors.first?.contains("\"short_span\" needs a unit: write 3d") == true)
        let days = try load("{ type: ewma, reset_after: 2d }")
        guard case .ewma(let detector)? = days.rules.first?.detector else {
            Issue.record("no ewma rule: \(days.errors)")
            return
        }
        #expect(detector.missing.resetAfter == Int64(172_800))
    }

    @Test func aPercentageAboveOneNeedsItsSign() throws {
        let plain = try load("{ type: robust, min_std_pct: 5 }")
        #expect(
            plain.errors == [
                "rules/r.yaml:4:44: \"min_std_pct\" is 5 without a % sign, which reads as 500%; "
                    + "write 5% (or the fraction 0.05)"
            ])
        for (text, fraction) in [("5%", 0.05), ("0.05", 0.05), ("1", 1.0), ("250%", 2.5)] {
            let loaded = try load("{ type: robust, min_std_pct: \(text) }")
            guard case .robust(let detector)? = loaded.rules.first?.detector else {
                Issue.record("\(text): \(loaded.errors)")
                continue
            }
            #expect(abs(detector.floor.fraction - fraction) < 1e-12, "\(text)")
        }
        let ewma = try load("{ type: ewma, min_std_pct: 12 }")
        #expect(ewma.errors.first?.contains("which reads as 1200%; write 12%") == true)
    }

    @Test func aPercentScoreAgainstAPlainNumberWarns() throws {
        let loaded = try load("{ type: ewma }", when: "pct_change <= -40 and z < -3")
        #expect(loaded.rules.count == 1)
        #expect(
            loaded.warnings == [
                "rules/r.yaml:5:26: warning: in \"when\": pct_change is a fraction (-40% is "
                    + "-0.4), so -40 here means -4000%; write -40% if a percentage was meant"
            ])
        for fine in ["pct_change <= -40%", "pct_change <= -0.4", "-0.5 > pct_change", "z < -40"] {
            #expect(try load("{ type: ewma }", when: fine).warnings.isEmpty, "\(fine)")
        }
        let reversed = try load("{ type: cusum }", when: "-30 >= shift")
        #expect(reversed.warnings.first?.contains("5:12: warning: in \"when\": shift") == true)
    }

    @Test func rangeMessagesReadAsPeopleWriteThem() throws {
        let negative = try load("{ type: ewma, min_std: -1 }")
        #expect(
            negative.errors == [
                "rules/r.yaml:4:38: \"min_std\" must be a number of at least 0 (no upper limit), "
                    + "found \"-1\""
            ])
        let long = try load("{ type: ewma, reset_after: 500d }")
        #expect(
            long.errors == [
                "rules/r.yaml:4:42: \"reset_after\" must be a duration such as 30s, 2m or 1h, "
                    + "from 1s to 400d, found \"500d\""
            ])
    }
}
