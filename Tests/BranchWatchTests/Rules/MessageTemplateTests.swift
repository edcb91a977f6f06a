// Message templates: names, labels, number formats, and every bad placeholder at once.
import BranchWatch
import Testing

@Suite struct MessageTemplateTests {
    @Test func fillsNamesLabelsAndFormats() throws {
        let template = try MessageTemplate(
            "{{branch}} ({{region}}, {{labels.city}}): {{value | 0.0}} against "
                + "{{expected | 0}}, {{pct_change | percent}} / {{pct_change|0%}}, "
                + "z {{z}}, {{z | 0.000}}, {{rule}} {{severity}} {{metric}}", labels: ["region"])
        let facts = ConditionTests.facts(
            value: 49.96, expected: 100.4, z: -3.14159,
            labels: ["region": "East", "city": "Quito"])
        #expect(
            template.render(facts)
                == "B07 (East, Quito): 50.0 against 100, -50.2% / -50%, z -3.1, -3.142, "
                + "r critical sales")
    }

    @Test func positivePercentagesCarryASign() throws {
        let template = try MessageTemplate("{{pct_change | 0.0%}}")
        #expect(template.render(ConditionTests.facts(value: 125, expected: 100)) == "+25.0%")
    }

    @Test func reportsEveryBadPlaceholderAtItsColumn() {
        do {
            _ = try MessageTemplate(
                "{{brnch}} {{value | 0.0.0}} {{branch | 0.0}} {{p_value}} {{z",
                scores: [.value, .z])
            Issue.record("the template was accepted")
        } catch {
            let found = error.items.map { "\($0.column): \($0.message)" }
            #expect(
                found == [
                    "1: unknown placeholder \"{{brnch}}\" (did you mean \"{{branch}}\"?); known "
                        + "names: branch, metric, rule, severity, timestamp, value, z; a label "
                        + "must be listed under inbox.labels in the config, or written "
                        + "{{labels.brnch}}",
                    "11: unknown format \"0.0.0\" for \"value\"; use 0, 0.0, 0.00 (decimals), "
                        + "0%, 0.0% (percentages) or percent",
                    "29: \"{{branch}}\" is text; only numbers take a format",
                    "46: unknown placeholder \"{{p_value}}\" (did you mean \"{{value}}\"?); "
                        + "known names: branch, metric, rule, severity, timestamp, value, z",
                    "58: \"{{\" is not closed by \"}}\"",
                ])
        }
    }
}
