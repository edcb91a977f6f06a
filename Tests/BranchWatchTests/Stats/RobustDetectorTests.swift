// The robust detector against numpy and scipy: median, MAD, window, warm-up, floor.
import BranchWatch
import BranchWatchTestSupport
import Testing

/// Numbers from `Reference/robust_reference.py` (numpy median, scipy
/// `median_abs_deviation(scale="normal")`). NaN marks values that get no score.
enum RobustReference {
    static let z: [Double] = [
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, 1.8789357326890848, 0.05506038777110871,
        -0.6744897501960817, -0.6239030189313756, 1.8307578933893647, 1.1297703315784369,
        1.8159339428356045, 0.35021583183258087, 0.018735826394335603, -2.048450352447359,
        -1.9984881487291308, -1.7986393338562177, 1.1297703315784369, -0.05506038777110871,
        0.11990928892374787, -0.5395918001568654, -1.1012077554221742, -1.0736775615366199,
        0.8809662043377393, -0.7708454287955219, 0.385422714397761, 0.5188382693816013,
        0.0, -0.7605948246891985, -0.7318931331914929, 1.3920320376387219,
        0.27592762508021523, 0.6744897501960817, 0.5518552501604305, -0.1998488148729131,
        -0.8993196669281088, -0.9992440743645654, 0.17486771301379894,
        -0.016059279766573373, 0.09635567859944025, 0.43360055369748113,
        2.6016033221848867, -2.046727517836386, -2.0932440523326674, -1.7676283108586968,
        0.8020959191520971, 0.13160775613582082, -0.16450969516977604,
        -0.03458921795877342, -1.2798010644746165, -1.31439028243339, 0.8993196669281089,
        0.4410125289743611, 0.6744897501960817, 0.22482991673202724, 2.982743561978228,
        -1.2440588725838841, -1.2140815503529472, 2.8328569508235435, 0.30658625008912804,
        -0.3474644167676785, -0.6070407751764735, -0.2023469250588245, -1.4838774504313796,
        -1.3827039879019674, 2.4956120757255023, 0.3538306886274527, 0.11057209019607897,
        -0.022864059328680734, -0.591657675610598, -1.180357062843143, -1.0883811878164047,
        1.0883811878164047, 0.13796381254010764, 0.41389143762032293, 0.19928106255793326,
        -0.3679035001069537, -1.3183208753832507, -1.0730518753119482,
        -0.030658625008912806, -0.023258267248140747, 0.38542271439776093,
    ]

    static let expected: [Double] = [
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, 14.0, 25.0, 27.0, 20.5, 14.0, 20.5, 27.0,
        31.5, 40.5, 43.0, 43.0, 43.0, 38.5, 43.0, 41.0, 41.0, 41.0, 41.0, 41.0, 41.0, 32.0,
        32.0, 32.0, 27.5, 27.5, 27.5, 36.5, 36.5, 38.5, 40.0, 40.0, 40.0, 40.0, 39.5, 43.0,
        42.0, 42.0, 46.0, 46.0, 46.0, 42.0, 42.0, 42.0, 38.0, 38.0, 38.0, 38.0, 38.0, 41.0,
        41.5, 41.5, 41.5, 41.5, 41.5, 47.5, 47.5, 44.0, 44.0, 44.0, 44.0, 44.0, 44.0, 44.0,
        44.0, 41.0, 38.5, 38.5, 38.5, 38.5, 38.5, 40.5, 43.0, 43.0, 43.0, 43.0, 42.5, 42.0,
    ]

    static let flatZ: [Double] = [
        -2.0
    ]
}

struct RobustDetectorTests {
    @Test func medianAndMADOverTheWindowMatchScipy() throws {
        let detector = RobustDetector(
            window: 14, warmup: 7, floor: SpreadFloor(absolute: 1, fraction: 0.05))
        let scores = DetectorReplay.run(detector, values: SeasonalReference.brooklyn)
        try #require(scores.count == RobustReference.z.count)
        for (index, expected) in RobustReference.z.enumerated() {
            #expect(matchesReference(scores[index]?.z, expected), "z at \(index)")
            #expect(
                matchesReference(scores[index]?.expected, RobustReference.expected[index]),
                "median at \(index)")
        }
    }

    @Test func oneWildDayMovesNeitherLevelNorSpread() throws {
        let detector = RobustDetector(window: 9, warmup: 5)
        let calm: [Double] = [100, 102, 98, 101, 99, 100, 103, 97]
        let scores = DetectorReplay.run(detector, values: calm + [1000, 100])
        let after = try #require(scores.last ?? nil)
        #expect(after.expected == 100)
        #expect(abs(after.z) < 0.5)
    }

    @Test func flatSeriesUsesTheFloor() throws {
        let detector = RobustDetector(
            window: 14, warmup: 7, floor: SpreadFloor(absolute: 0, fraction: 0.05))
        let scores = DetectorReplay.run(detector, values: Array(repeating: 100, count: 20) + [90])
        let last = try #require(scores.last ?? nil)
        #expect(matchesReference(last.z, RobustReference.flatZ[0]))
    }
}
