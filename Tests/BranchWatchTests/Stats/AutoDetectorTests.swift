// The auto detector against its numpy/scipy reference: baselines, likelihoods, novelty.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

/// Feeds a series through the auto detector, keeping each part's verdict and the scores.
struct AutoRun {
    var parts: [AutoDetector.Parts] = []
    var scores: [Scores?] = []
    /// (value index, slots) whenever the adopted period changed.
    var adoptions: [(Int, Int)] = []
    var state = AutoState()

    init(_ detector: AutoDetector, times: [Int64], values: [Double]) {
        var previous: Int64?
        for (index, (time, value)) in zip(times, values).enumerated() {
            let observation = Observation(
                value: value, localTime: time, gap: previous.map { time - $0 })
            parts.append(detector.parts(observation, state: state))
            scores.append(detector.score(observation, state: state))
            let slots = state.periodSlots
            state = detector.updated(state, with: observation)
            if state.periodSlots != slots { adoptions.append((index, state.periodSlots)) }
            previous = time
        }
    }

    /// Indices where `anomaly >= 5.5` starts to hold: where the alert lifecycle fires.
    var alerts: [Int] {
        var holding = false
        var fired: [Int] = []
        for (index, scores) in self.scores.enumerated() {
            guard let scores else { continue }
            let holds = scores.anomaly >= 5.5
            if holds && !holding { fired.append(index) }
            holding = holds
        }
        return fired
    }

    var novel: [Int] { scores.indices.filter { scores[$0]?.novel == 1 } }
}

/// One series' reference lists, at `indices` of the run (all when nil).
struct AutoExpectation {
    var expectedS, zS, median, zM, likS, likM, anomaly, reason: [Double]
    var indices: [Int]?
}

struct AutoDetectorTests {
    static func daily(_ values: [Double]) -> [Int64] {
        values.indices.map { DetectorReplay.start + Int64($0) * 86_400 }
    }

    /// The synthetic hourly series of the reference script: a daily profile, LCG noise,
    /// four missing hours, a spike at hour 430 and a halving from hour 520.
    static func hourly() -> (times: [Int64], values: [Double]) {
        let profile = [
            20, 15, 12, 10, 10, 14, 30, 60, 90, 110, 120, 125, 130, 128, 120, 115, 118, 125,
            110, 90, 70, 50, 35, 25,
        ]
        var lcg: UInt64 = 12345
        var times: [Int64] = []
        var values: [Double] = []
        for hour in 0..<600 {
            lcg = (1_103_515_245 * lcg + 12345) % (1 << 31)
            if [210, 211, 212, 340].contains(hour) { continue }
            var value = profile[hour % 24] + Int(lcg % 13) - 6
            if hour == 430 { value += 90 }
            if hour >= 520 { value /= 2 }
            times.append(DetectorReplay.start + Int64(hour) * 3600)
            values.append(Double(value))
        }
        return (times, values)
    }

    static func withWarmup(_ warmup: Int) -> AutoDetector {
        var parameters = AutoParameters()
        parameters.warmup = warmup
        return AutoDetector(parameters)
    }

    func check(_ run: AutoRun, _ reference: AutoExpectation) throws {
        let indices = reference.indices ?? Array(run.parts.indices)
        try #require(indices.count == reference.anomaly.count)
        for (row, index) in indices.enumerated() {
            let parts = run.parts[index]
            let scored = !reference.anomaly[row].isNaN
            #expect((run.scores[index] != nil) == scored, "scored at \(index)")
            guard scored, let scores = run.scores[index] else { continue }
            let pairs: [(String, Double?, Double)] = [
                ("seasonal expected", parts.seasonal.expected, reference.expectedS[row]),
                ("seasonal z", parts.seasonal.z, reference.zS[row]),
                ("median", parts.median?.expected ?? .nan, reference.median[row]),
                ("median z", parts.median?.z ?? 0, reference.zM[row]),
                ("seasonal likelihood", parts.seasonalLikelihood, reference.likS[row]),
                ("median likelihood", parts.medianLikelihood, reference.likM[row]),
                ("anomaly", scores.anomaly, reference.anomaly[row]),
                ("reason", scores.reason, reference.reason[row]),
            ]
            for (name, actual, expected) in pairs {
                #expect(matchesReference(actual, expected), "\(name) at \(index)")
            }
        }
    }

    @Test func queensSanitationMatchesTheReference() throws {
        let values = PoissonReference.queensSanitation
        let run = AutoRun(Self.withWarmup(30), times: Self.daily(values), values: values)
        try check(
            run,
            AutoExpectation(
                expectedS: AutoReference.queensExpectedS, zS: AutoReference.queensZS,
                median: AutoReference.queensMedian, zM: AutoReference.queensZM,
                likS: AutoReference.queensLikS, likM: AutoReference.queensLikM,
                anomaly: AutoReference.queensAnomaly, reason: AutoReference.queensReason))
        #expect(run.state.spacing == AutoReference.queensSpacing)
        #expect(run.adoptions.isEmpty && AutoReference.queensAdoptions.isEmpty)
        #expect(run.novel == AutoReference.queensNovel)
        // Winter Storm Jonas: 50 sanitation complaints where 22 was the most ever seen.
        #expect(run.alerts == AutoReference.queensAlerts)
        #expect(run.scores[85]?.reason == Double(AutoReason.novelty.rawValue))
    }

    @Test func brooklynFindsItsWeekAndMatchesTheReference() throws {
        let values = SeasonalReference.brooklyn
        let run = AutoRun(Self.withWarmup(30), times: Self.daily(values), values: values)
        try check(
            run,
            AutoExpectation(
                expectedS: AutoReference.brooklynExpectedS, zS: AutoReference.brooklynZS,
                median: AutoReference.brooklynMedian, zM: AutoReference.brooklynZM,
                likS: AutoReference.brooklynLikS, likM: AutoReference.brooklynLikM,
                anomaly: AutoReference.brooklynAnomaly, reason: AutoReference.brooklynReason))
        #expect(run.adoptions.map(\.0) == AutoReference.brooklynAdoptions.map(\.0))
        #expect(run.adoptions.map(\.1) == [7])
        #expect(run.novel == AutoReference.brooklynNovel)
        #expect(run.alerts == AutoReference.brooklynAlerts)
    }

    @Test func hourlySeriesWithDefaultsMatchesTheReference() throws {
        let (times, values) = Self.hourly()
        let run = AutoRun(AutoDetector(), times: times, values: values)
        try check(
            run,
            AutoExpectation(
                expectedS: AutoReference.hourlyExpectedS, zS: AutoReference.hourlyZS,
                median: AutoReference.hourlyMedian, zM: AutoReference.hourlyZM,
                likS: AutoReference.hourlyLikS, likM: AutoReference.hourlyLikM,
                anomaly: AutoReference.hourlyAnomaly, reason: AutoReference.hourlyReason,
                indices: AutoReference.hourlyPicked))
        #expect(run.state.spacing == 3600)
        #expect(run.adoptions.map(\.0) == AutoReference.hourlyAdoptions.map(\.0))
        #expect(run.adoptions.map(\.1) == [24])
        #expect(run.novel == AutoReference.hourlyNovel)
        // The halving at hour 520 alerts; the lone spike at hour 430 stays below 5.5.
        #expect(run.alerts == AutoReference.hourlyAlerts)
    }
}
