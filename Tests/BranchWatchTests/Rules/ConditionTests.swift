// The condition language: what it computes, and where and why it refuses a condition.
import BranchWatch
import Testing

@Suite struct ConditionTests {
    static func facts(
        value: Double = 50, expected: Double = 100, z: Double = -3.5, age: Double = .nan,
        labels: [String: String] = [:], branch: String = "B07"
    ) -> AlertFacts {
        var scores = Scores(
            value: value, expected: expected, std: 10, z: z,
            pctChange: (value - expected) / expected)
        scores.age = age
        return AlertFacts(
            rule: "r", severity: .critical, branch: branch, metric: "sales", timestamp: 0,
            scores: scores, labels: labels)
    }

    /// The first error of `source`, as "column: message".
    func errors(
        _ source: String, scores: [ScoreName] = ScoreName.allCases, labels: Set<String> = ["region"]
    ) -> [String] {
        do {
            _ = try Condition(source, scores: scores, labels: labels)
            return []
        } catch {
            return error.items.map { "\($0.column): \($0.message)" }
        }
    }

    @Test(arguments: [
        ("z <= -3 and pct_change <= -40%", true),
        ("z <= -3 and pct_change <= -60%", false),
        ("value - expected <= -50", true),
        ("value + expected * 2 == 250", true),
        ("(value + expected) * 2 == 300", true),
        ("abs(z) >= 3.5", true),
        ("min(value, expected, 70) == 50 and max(value, expected) == 100", true),
        ("not z > 0", true),
        ("z > 0 or value < 60", true),
        ("value / expected < 0.5", false),
        ("-value == -50", true),
        ("true and not false", true),
    ])
    func evaluatesArithmeticAndLogic(source: String, expected: Bool) throws {
        let condition = try Condition(source)
        #expect(condition.holds(Self.facts()) == expected, "\(source)")
    }

    @Test func comparesLabelsBranchAndTextWithStrings() throws {
        let east = Self.facts(labels: ["region": "East"])
        let west = Self.facts(labels: ["region": "West"])
        let condition = try Condition("region == \"East\" and z < -3", labels: ["region"])
        #expect(condition.holds(east))
        #expect(!condition.holds(west))
        #expect(!condition.holds(Self.facts()), "a missing label reads as empty text")
        #expect(try Condition("labels.region != 'East'").holds(west))
        #expect(try Condition("branch == \"B07\" and severity == \"critical\"").holds(east))
    }

    @Test func durationsCompareWithTheAgeScoreInDays() throws {
        let silent = Self.facts(age: 2.5)
        #expect(try Condition("age >= 2d", scores: [.value, .age]).holds(silent))
        #expect(!(try Condition("age >= 3d", scores: [.value, .age]).holds(silent)))
        #expect(try Condition("age > 59h and age < 61h", scores: [.value, .age]).holds(silent))
        #expect(try Condition("age / 1d == 2.5", scores: [.value, .age]).holds(silent))
        #expect(try Condition("max(age, 1d) - 12h == 2d", scores: [.value, .age]).holds(silent))
    }

    @Test func aScoreTheDetectorCouldNotGiveNeverHolds() throws {
        let condition = try Condition("z <= -3 or z > -3")
        #expect(!condition.holds(Self.facts(z: .nan)))
    }

    @Test func reportsEveryTypeErrorWithItsColumn() {
        #expect(
            errors("pct_chnge < -20% or zz > 3") == [
                "1: unknown name \"pct_chnge\" (did you mean \"pct_change\"?)",
                "21: unknown name \"zz\" (did you mean \"z\"?)",
            ])
    }

    @Test(arguments: [
        ("z = 3", "3: \"=\" is not an operator; use == to compare"),
        ("z => 3", "3: \"=>\" is not an operator; use >="),
        ("z =< 3", "3: \"=<\" is not an operator; use <="),
        ("pct_change <= -20 %", "19: no space before %: write -20%"),
        ("z < 3 AND value > 2", "7: write \"AND\" in lowercase: and, or, not"),
        ("NOT z < 3", "1: write \"NOT\" in lowercase: and, or, not"),
        ("z < 3 Or value > 2", "7: write \"Or\" in lowercase: and, or, not"),
    ])
    func commonSlipsGetTheFix(source: String, expected: String) {
        #expect(errors(source) == [expected])
    }

    @Test(arguments: [
        ("brnach != \"E1\"", "1: unknown name \"brnach\" (did you mean \"branch\"?)"),
        ("regoin == \"East\"", "1: unknown name \"regoin\" (did you mean \"region\"?)"),
        ("region == East", "11: unknown name \"East\"; put text in quotes: \"East\""),
        ("East != branch", "1: unknown name \"East\"; put text in quotes: \"East\""),
        (
            "region == 5",
            "8: \"==\" cannot compare text with a number; labels and text fields are text, "
                + "so to compare as text put the value in quotes (\"5\")"
        ),
        (
            "city == \"Lyon\"",
            "1: unknown name \"city\"; known names: value, z, branch, metric, rule, severity, "
                + "region; a label must be listed under inbox.labels in the config, "
                + "or written labels.city"
        ),
    ])
    func aBareNameIsALabelOnlyWhenDeclared(source: String, expected: String) {
        #expect(errors(source, scores: [.value, .z]) == [expected])
        #expect(errors("labels.city == \"Lyon\" and labels.regoin == \"East\"").isEmpty)
    }

    @Test(
        arguments: [
            (
                "age > 2", [.value, .age],
                "5: \">\" compares a duration with a plain number; "
                    + "write the number with a unit, such as 2d or 6h"
            ),
            (
                "region < \"East\"", ScoreName.allCases,
                "8: text can only be compared with == or !=, not \"<\""
            ),
            (
                "z + 1", ScoreName.allCases,
                "1: the condition gives a number, not true or false; "
                    + "compare it, for example \"z <= -3\""
            ),
            (
                "z < 1 and 2", ScoreName.allCases,
                "7: \"and\" needs true or false on each side, found a number"
            ),
            ("abs(z, 1) > 2", ScoreName.allCases, "1: abs takes one argument, found 2"),
            (
                "max(z, 1d) > 2", ScoreName.allCases,
                "1: max needs numbers, or durations, throughout; "
                    + "found a number, a duration"
            ),
            (
                "z > 2w", ScoreName.allCases,
                "6: unknown unit \"w\" after 2; durations take ms, s, m, h or d "
                    + "(as in 6h or 2d)"
            ),
            ("region == \"East", ScoreName.allCases, "11: the string is not closed by a \" quote"),
            ("(z > 2", ScoreName.allCases, "7: expected \")\" to close the \"(\" at column 1"),
            ("z > 2 $", ScoreName.allCases, "7: unexpected character \"$\""),
            ("z <= 2 2", ScoreName.allCases, "8: unexpected number 2 here"),
            (
                "peer_z < -3", [ScoreName.value, .z],
                "1: this detector gives no score \"peer_z\"; "
                    + "known names: value, z; \"peer_z\" comes from peer"
            ),
            (
                "z > 3", [ScoreName](),
                "1: \"z\" is a score; here only labels, branch, metric, rule "
                    + "and severity can be used"
            ),
        ] as [(String, [ScoreName], String)])
    func refusesWithColumnAndReason(source: String, scores: [ScoreName], expected: String) {
        #expect(errors(source, scores: scores) == [expected])
    }
}
