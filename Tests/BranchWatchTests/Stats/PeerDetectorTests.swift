import BranchWatchTestSupport
import Testing

// The peer detector against numpy: a regional dip stays quiet, one branch alone does not.
@testable import BranchWatch

/// Numbers from `Reference/peer_reference.py` (numpy). Five branches, 42 days from
/// 2015-01-05 (a Monday); day 35 all fall 40%, day 38 branch 0 alone falls 50%,
/// branch 3 sends nothing on day 30. NaN marks values that get no score.
enum PeerReference {
    static let values: [[Double]] = [
        [1001.0, 833.0, 1244.0, 492.0, 892.0],
        [886.0, 732.0, 1078.0, 460.0, 765.0],
        [995.0, 758.0, 1163.0, 473.0, 845.0],
        [1014.0, 820.0, 1193.0, 498.0, 919.0],
        [1266.0, 993.0, 1578.0, 637.0, 1103.0],
        [1463.0, 1183.0, 1736.0, 716.0, 1351.0],
        [616.0, 477.0, 704.0, 303.0, 552.0],
        [991.0, 813.0, 1238.0, 497.0, 878.0],
        [909.0, 725.0, 1116.0, 433.0, 794.0],
        [926.0, 720.0, 1144.0, 483.0, 836.0],
        [1042.0, 820.0, 1223.0, 506.0, 926.0],
        [1248.0, 1059.0, 1588.0, 616.0, 1182.0],
        [1489.0, 1228.0, 1776.0, 750.0, 1364.0],
        [584.0, 489.0, 718.0, 304.0, 532.0],
        [1033.0, 815.0, 1194.0, 509.0, 934.0],
        [948.0, 686.0, 1109.0, 456.0, 808.0],
        [921.0, 789.0, 1097.0, 483.0, 888.0],
        [952.0, 793.0, 1153.0, 504.0, 941.0],
        [1379.0, 985.0, 1533.0, 664.0, 1225.0],
        [1519.0, 1173.0, 1816.0, 750.0, 1342.0],
        [587.0, 486.0, 727.0, 299.0, 536.0],
        [961.0, 788.0, 1243.0, 497.0, 861.0],
        [936.0, 731.0, 1148.0, 451.0, 799.0],
        [909.0, 790.0, 1228.0, 463.0, 838.0],
        [1018.0, 780.0, 1190.0, 495.0, 905.0],
        [1343.0, 1041.0, 1603.0, 642.0, 1182.0],
        [1404.0, 1148.0, 1843.0, 737.0, 1373.0],
        [610.0, 499.0, 738.0, 309.0, 538.0],
        [979.0, 782.0, 1182.0, 483.0, 885.0],
        [898.0, 725.0, 1069.0, 424.0, 808.0],
        [956.0, 785.0, 1160.0, 466.0, 836.0],
        [1060.0, 818.0, 1266.0, 532.0, 878.0],
        [1315.0, 1054.0, 1586.0, 661.0, 1177.0],
        [1508.0, 1146.0, 1791.0, 733.0, 1355.0],
        [592.0, 489.0, 738.0, 303.0, 545.0],
        [602.0, 474.0, 716.0, 296.0, 546.0],
        [900.0, 733.0, 1037.0, 462.0, 791.0],
        [929.0, 755.0, 1121.0, 479.0, 840.0],
        [484.0, 780.0, 1247.0, 501.0, 868.0],
        [1300.0, 991.0, 1644.0, 620.0, 1187.0],
        [1524.0, 1148.0, 1816.0, 772.0, 1369.0],
        [605.0, 494.0, 723.0, 303.0, 538.0],
    ]

    static let branch0PeerZ: [Double] = [
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, 0.557590762240241,
        0.3166704114087282, -1.2870061001826327, -0.4372455826686883, 0.34062619965166907,
        0.03871517486695342, 0.02815741795945126, 0.2542097686525757, -0.30801129242707503,
        0.5716972857999703, -0.576481707756189, 0.27822432313440837, -0.3184814435918337,
        -0.32758737536700333, -10.034033240434868, -0.0234950245439736,
        0.38732643615734486, 0.04305071282087791,
    ]

    static let branch3PeerZ: [Double] = [
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan,
        .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, -0.009534134805340155,
        -0.6650546155379367, 0.4181704226719718, -0.022362965114990363,
        0.07004434982077923, -1.2264530146597585, .nan, 0.6674413204230456,
        0.2819714308670074, -0.0013071969903721836, -0.15768196668295653,
        0.08296235801833696, 0.6506973757110301, 0.6845835251064436, 0.6567544103061307,
        -1.0214878202740785, 0.8227955413579946, -0.09831427118529135,
    ]

    static let day35PeerZ: [Double] = [
        0.27822432313440837, -0.37076742129476203, -0.3611866811527453,
        0.08296235801833696, 0.4320932242710085,
    ]
}

struct PeerDetectorTests {
    static let monday: Int64 = 1_420_416_000

    /// Runs the five branches through the evaluator as one step per day.
    func replay() throws -> [EvaluationRow] {
        let condition = try Condition(
            "peer_z <= -4", scores: DetectorSpec.peer(detector).scoreNames)
        let rule = Rule(
            name: "alone", metrics: ["sales"], detector: .peer(detector), condition: condition,
            forCount: 1, severity: .warning, message: try MessageTemplate("x"), notify: [],
            file: "test", mark: SourceMark(line: 1, column: 1))
        var samples: [Sample] = []
        for (day, row) in PeerReference.values.enumerated() {
            for (branch, value) in row.enumerated() where !(day == 30 && branch == 3) {
                samples.append(
                    Sample(
                        timestamp: PeerDetectorTests.monday + Int64(day) * 86_400,
                        branch: "b\(branch)", metric: "sales", value: value))
            }
        }
        let evaluator = Evaluator(rules: [rule])
        return evaluator.evaluate(samples, base: EngineState(), tracing: true).trace
    }

    let detector = PeerDetector(
        slots: .weekday,
        parameters: EWMAParameters(alpha: 0.2, warmup: 3, minStd: 0.05), beta: 0.1,
        minimumPeers: 3, clip: 3)

    @Test func peerZMatchesNumpyForEveryDay() throws {
        try TimeZoneSetting.apply("UTC")
        let rows = try replay()
        for (branch, expected) in [
            (0, PeerReference.branch0PeerZ), (3, PeerReference.branch3PeerZ),
        ] {
            let mine = rows.filter { $0.branch == "b\(branch)" }
            let days = mine.map { Int(($0.timestamp - PeerDetectorTests.monday) / 86_400) }
            for (day, row) in zip(days, mine) {
                #expect(
                    matchesReference(row.scores["alone"]?.peerZ, expected[day]),
                    "branch \(branch) day \(day)")
            }
        }
    }

    @Test func regionalDipStaysQuietAndALoneFallFires() throws {
        try TimeZoneSetting.apply("UTC")
        let rows = try replay()
        let fired = rows.filter { !$0.fired.isEmpty }.map {
            "\($0.branch)@\(($0.timestamp - PeerDetectorTests.monday) / 86_400)"
        }
        #expect(fired == ["b0@38"])
        for (branch, expected) in PeerReference.day35PeerZ.enumerated() {
            #expect(abs(expected) < 1)
            let row = rows.first {
                $0.branch == "b\(branch)" && $0.timestamp == PeerDetectorTests.monday + 35 * 86_400
            }
            #expect(matchesReference(row?.scores["alone"]?.peerZ, expected))
        }
    }

    @Test func medianWithoutOneElement() {
        let sorted: [Double] = [1, 2, 3, 4, 10]
        #expect(PeerDetector.median(of: sorted, excluding: 0) == 3.5)
        #expect(PeerDetector.median(of: sorted, excluding: 4) == 2.5)
        #expect(PeerDetector.median(of: [1, 2, 3, 4], excluding: 1) == 3)
    }
}
