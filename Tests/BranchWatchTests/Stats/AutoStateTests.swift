// The auto detector's state: stored and restored at any point, bounded in size.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

struct AutoStateTests {
    /// Replays `values` from `state`, returning the scores and the state after.
    static func replay(
        _ detector: AutoDetector, _ times: ArraySlice<Int64>, _ values: ArraySlice<Double>,
        from state: AutoState = AutoState()
    ) -> ([Scores?], AutoState) {
        var state = state
        var scores: [Scores?] = []
        for (time, value) in zip(times, values) {
            let observation = Observation(value: value, localTime: time)
            scores.append(detector.score(observation, state: state))
            state = detector.updated(state, with: observation)
        }
        return (scores, state)
    }

    /// The auto detector's scores as bit patterns (their unused fields are NaN).
    static func bits(_ scores: Scores?) -> [UInt64] {
        guard let scores else { return [] }
        return [
            scores.value, scores.expected, scores.std, scores.z, scores.pctChange,
            scores.anomaly, scores.novel, scores.reason,
        ].map(\.bitPattern)
    }

    /// Cuts during the spacing search, with a grid holding missing hours, after the
    /// buffer is freed, and in steady state.
    @Test(arguments: [5, 30, 300, 450, 595])
    func restoringFromStoredNumbersChangesNothing(cut: Int) throws {
        let (times, values) = AutoDetectorTests.hourly()
        let detector = AutoDetector()
        let (whole, _) = Self.replay(detector, times[...], values[...])
        let (_, before) = Self.replay(detector, times[..<cut], values[..<cut])
        let restored = try #require(
            DetectorState.restore(stateKey: detector.stateKey, values: before.storedValues))
        #expect(restored == .auto(before))
        let state = try #require(AutoState(unboxing: restored))
        let (after, _) = Self.replay(detector, times[cut...], values[cut...], from: state)
        // Bit for bit: a restored state must not even round differently.
        #expect(after.map(Self.bits) == whole[cut...].map(Self.bits))
    }

    @Test func gridWithMissingHoursSurvivesStorage() throws {
        let (times, values) = AutoDetectorTests.hourly()
        let (_, state) = Self.replay(AutoDetector(), times[..<300], values[..<300])
        // Hours 210-212 are missing: the grid holds NaN there until the week is judged.
        #expect(state.finder.grid.count > 212 && state.finder.grid[211].isNaN)
        #expect(AutoState(storedValues: state.storedValues) == state)
    }

    @Test func damagedNumbersRestoreNothing() throws {
        let (times, values) = AutoDetectorTests.hourly()
        let (_, state) = Self.replay(AutoDetector(), times[..<400], values[..<400])
        let stored = state.storedValues
        #expect(AutoState(storedValues: Array(stored.dropLast())) == nil)
        #expect(AutoState(storedValues: stored + [0]) == nil)
        var badCount = stored
        badCount[0] = 1.5
        #expect(AutoState(storedValues: badCount) == nil)
        #expect(AutoState(storedValues: []) == nil)
    }

    /// Bytes stored per series after `count` values `spacing` seconds apart, with a
    /// daily rhythm and noise.
    static func storedBytes(spacing: Int64, count: Int) -> Int {
        var state = AutoState()
        let detector = AutoDetector()
        var lcg: UInt64 = 7
        for index in 0..<count {
            lcg = (6_364_136_223_846_793_005 &* lcg &+ 1) >> 1
            let time = Int64(index) * spacing
            let hour = Double(time % 86_400) / 3600
            let value = 100 + 30 * (hour >= 8 && hour < 20 ? 1 : -1) + Double(lcg % 21)
            state = detector.updated(state, with: Observation(value: value, localTime: time))
        }
        return state.storedValues.count * 8
    }

    @Test func steadyStateStaysUnderTenKilobytes() {
        let fiveMinutes = Self.storedBytes(spacing: 300, count: 4000)
        let hourly = Self.storedBytes(spacing: 3600, count: 2000)
        let daily = Self.storedBytes(spacing: 86_400, count: 800)
        #expect(fiveMinutes < 10_240 && hourly < 10_240 && daily < 10_240)
        // Daily data keeps 28 values for its median, 3 per likelihood and 7 slots.
        #expect(daily < 1_000, "daily state is \(daily) bytes")
    }

    @Test func windowsAreCappedInTime() {
        let parameters = AutoParameters()
        #expect(parameters.short.length(spacing: 86_400) == 3)
        #expect(parameters.short.length(spacing: 3600) == 30)
        #expect(parameters.median.length(spacing: 86_400) == 28)
        #expect(parameters.median.length(spacing: 300) == 288)
        #expect(parameters.long.length(spacing: 86_400) == 365)
        #expect(parameters.long.length(spacing: 3600) == 5000)
        // Before the spacing is known the sample counts apply.
        #expect(parameters.short.length(spacing: 0) == 30)
        let values = SeasonalReference.brooklyn
        let times = AutoDetectorTests.daily(values)
        let (_, state) = Self.replay(AutoDetector(), times[...], values[...])
        #expect(state.median.count == 28)
        #expect(state.seasonalLikelihood.recent.count == 3)
    }
}
