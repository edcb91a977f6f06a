import BranchWatchTestSupport
import Testing

// The absent detector: the age of a silent series on the data clock, through the evaluator.
@testable import BranchWatch

/// Ages from `Reference/absent_reference.py` (numpy datetime64 differences).
enum AbsentReference {
    static let ageOfB: [Double] = [
        0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0,
    ]

    static let ageOfC: [Double] = [
        0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0,
    ]
}

struct AbsentDetectorTests {
    /// 2016-01-01T00:00:00Z.
    static let start: Int64 = 1_451_606_400

    func replay() throws -> Evaluation {
        try TimeZoneSetting.apply("UTC")
        let rule = Rule(
            name: "silent", metrics: ["sales"], detector: .absent(AbsentDetector(warmup: 2)),
            condition: try Condition("age >= 3d", scores: [.value, .age]), forCount: 1,
            severity: .warning, message: try MessageTemplate("x"), notify: [], file: "test",
            mark: SourceMark(line: 1, column: 1))
        var samples: [Sample] = []
        for day in 0..<8 {
            let time = AbsentDetectorTests.start + Int64(day) * 86_400
            samples.append(Sample(timestamp: time, branch: "store-a", metric: "sales", value: 5))
            if day == 0 {
                samples.append(
                    Sample(timestamp: time, branch: "store-d", metric: "sales", value: 1))
            }
            if day <= 2 {
                samples.append(
                    Sample(timestamp: time, branch: "store-b", metric: "sales", value: 7))
            }
            if day <= 4 {
                samples.append(
                    Sample(timestamp: time, branch: "store-c", metric: "sales", value: 9))
            }
        }
        return Evaluator(rules: [rule]).evaluate(samples, base: EngineState(), tracing: true)
    }

    @Test func ageOfASilentSeriesMatchesNumpy() throws {
        let trace = try replay().trace
        for (branch, ages) in [
            ("store-b", AbsentReference.ageOfB), ("store-c", AbsentReference.ageOfC),
        ] {
            for (day, expected) in ages.enumerated() where day >= 1 {
                let time = AbsentDetectorTests.start + Int64(day) * 86_400
                let row = trace.first { $0.branch == branch && $0.timestamp == time }
                #expect(row?.scores["silent"]?.age == expected, "\(branch) day \(day)")
            }
        }
    }

    @Test func firesOnceWhenTheAgeIsReachedAndNeverDuringWarmup() throws {
        let events = try replay().events
        let fired = events.map {
            "\($0.branch)@\(($0.timestamp - AbsentDetectorTests.start) / 86_400)"
        }
        // store-d sent one value, below the warm-up of two, so its silence is not chased.
        #expect(fired == ["store-b@5", "store-c@7"])
        #expect(events.first?.value == 7)
    }
}
