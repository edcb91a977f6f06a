// The seasonal detector against numpy: weekday slots, warm-up, missing days, resets.
import BranchWatch
import BranchWatchTestSupport
import Testing

/// Numbers from `Reference/seasonal_reference.py` (numpy 2.4, closed-form EWMA per
/// weekday, not the recursion under test). NaN marks values that get no score.
enum SeasonalReference {
    /// Daily brooklyn `complaints` from 2015-01-01 (a Thursday).
    static let brooklyn: [Double] = [
        0, 14, 1, 0, 46, 36, 63, 53, 27, 1, 2, 52, 54, 97, 45, 41, 2, 3, 7, 72,
        41, 45, 23, 1, 2, 73, 5, 48, 52, 32, 1, 2, 76, 50, 60, 61, 32, 4, 0, 47,
        39, 45, 51, 96, 2, 1, 8, 64, 46, 37, 37, 1, 0, 64, 55, 64, 49, 141, 0, 1,
        136, 55, 39, 26, 38, 0, 3, 118, 60, 49, 43, 16, 0, 3, 74, 43, 52, 47, 31, 0,
        8, 42, 42, 48,
    ]

    static let zWithMissingDays: [Double] = [
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
        .nan, .nan, .nan, .nan, .nan, .nan, 0.1405903951922891, -0.10000000000000009,
        0.5399999999999999, 2.085972283539582, -2.8386199842934974, .nan,
        1.4734258536125702, 1.0543656170509002, -0.08000000000000007, 0.43199999999999994,
        1.515461688121979, 0.5801736490189233, -0.36347009660803464, 1.4590797764322325,
        0.852983604871811, 1.436, -0.6544000000000001, -0.2305151964469422,
        -1.4268806580185411, 0.7198329590870892, 7.690398055660497, 0.14879999999999982,
        -0.023520000000000096, -2.2280448828278003, 1.22659058877392, -1.0063656253195397,
        0.056950977230118306, -0.08744304643590925, -0.3809600000000002, -0.518816,
        0.8888625034250379, 0.5054619737891862, 0.4544850476907935, 0.5834896468503736,
        3.875958170598044, -0.8047680000000001, 0.08494719999999989, 3.8118494673504246,
        0.4409728006780992, -1.5422886138988985, -0.5992822236893293, -0.45551700555197827,
        -0.6438144000000002, 1.0679577599999999, 1.2904850615870491, 0.6902811908829586,
        -0.42112482423310016, 0.3636829575737936, -0.9111901113085529, -0.5150515200000002,
        0.8543662079999998, -0.029036809454249954, -0.5117640456997077,
        -0.13467175533775583, 0.5499354763926402, -0.3933232316373431, -0.4120412160000001,
        3.1834929664, -0.8623838573796337, -0.5168277777809206, -0.47064356321294026,
    ]

    static let zWithResetAfterGap: [Double] = [
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, 1.1746430907131498, 0.1405903951922891,
        -0.10000000000000009, 0.5399999999999999, 2.085972283539582, -2.8386199842934974,
        -0.9574142074418241, 1.225834898707922, 1.0543656170509002, .nan, .nan, .nan, .nan,
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
        .nan, .nan,
    ]
}

struct SeasonalDetectorTests {
    let detector = SeasonalDetector(
        slots: .weekday,
        parameters: EWMAParameters(alpha: 0.2, warmup: 3, minStd: 2, minStdFraction: 0.01))

    @Test func scoresEachDayAgainstItsWeekdayAndSkipsMissingDays() throws {
        let days = (0..<84).filter { ![20, 21, 40].contains($0) }
        let values = days.map { SeasonalReference.brooklyn[$0] }
        let scores = DetectorReplay.run(detector, days: days, values: values)
        try #require(scores.count == SeasonalReference.zWithMissingDays.count)
        for (index, expected) in SeasonalReference.zWithMissingDays.enumerated() {
            #expect(matchesReference(scores[index]?.z, expected), "day \(days[index])")
        }
    }

    @Test func gapLongerThanResetAfterStartsTheWarmupAgain() throws {
        var resetting = detector
        resetting.missing = MissingDataPolicy(resetAfter: 7 * 86_400)
        let days = (0..<60).filter { !(30..<40).contains($0) }
        let values = days.map { SeasonalReference.brooklyn[$0] }
        let scores = DetectorReplay.run(resetting, days: days, values: values)
        try #require(scores.count == SeasonalReference.zWithResetAfterGap.count)
        for (index, expected) in SeasonalReference.zWithResetAfterGap.enumerated() {
            #expect(matchesReference(scores[index]?.z, expected), "day \(days[index])")
        }
        // Without the reset the same gap is skipped and day 40 is scored at once.
        #expect(DetectorReplay.run(detector, days: days, values: values)[30] != nil)
    }

    @Test func flatSeriesGetsTheFloorNotAnInfiniteZ() throws {
        let floored = SeasonalDetector(
            slots: .weekday,
            parameters: EWMAParameters(alpha: 0.2, warmup: 3, minStd: 0, minStdFraction: 0.05))
        let scores = DetectorReplay.run(floored, values: Array(repeating: 100, count: 28) + [90])
        let last = try #require(scores.last ?? nil)
        #expect(last.std == 5)
        #expect(last.z == -2)
    }

    @Test func slotsFollowTheLocalWeek() {
        // 2015-01-05 was a Monday; 13:00 local is hour 13 of the week.
        let monday: Int64 = 1_420_416_000
        #expect(SeasonSlots.weekday.slot(of: monday) == 0)
        #expect(SeasonSlots.hourOfWeek.slot(of: monday + 13 * 3600) == 13)
        #expect(SeasonSlots.hourOfWeek.slot(of: monday - 3600) == 167)
        #expect(SeasonSlots.weekday.slot(of: DetectorReplay.start) == 3)
    }
}
