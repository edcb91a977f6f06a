// EWMA mean, variance and z-scores against reference values computed with numpy.
import BranchWatch
import Testing

/// Reference numbers from `Reference/ewma_reference.py` (numpy 2.4, closed-form weighted
/// sums, not the recursion under test), pasted here as facts.
enum EWMAReference {
    static let alpha = 0.1
    static let warmup = 14
    static let series: [Double] = [
        0, 14, 1, 0, 46, 36, 63, 53, 27, 1, 2, 52, 54, 97, 45, 41, 2, 3, 7, 72,
        41, 45, 23, 1, 2, 73, 5, 48, 52, 32, 1, 2, 76, 50, 60, 61, 32, 4, 0, 47,
        39, 45, 51, 96, 2, 1, 8, 64, 46, 37, 37, 1, 0, 64, 55, 64, 49, 141, 0, 1,
    ]

    static let means: [Double] = [
        0.0, 1.4000000000000001, 1.3600000000000003, 1.2240000000000004,
        5.701600000000001, 8.731440000000001, 14.158296000000002, 18.042466400000002,
        18.93821976, 17.144397784000006, 15.629958005599999, 19.26696220504,
        22.74026598453601, 30.166239386082403, 31.649615447474165, 32.58465390272675,
        29.526188512454073, 26.873569661208666, 24.8862126950878, 29.59759142557902,
        30.73783228302112, 32.16404905471901, 31.24764414924711, 28.222879734322397,
        25.600591760890158, 30.340532584801142, 27.806479326321032, 29.82583139368893,
        32.043248254320034, 32.03892342888803, 28.935031085999235, 26.241527977399308,
        31.217375179659378, 33.095637661693445, 35.7860738955241, 38.30746650597169,
        37.67671985537453, 34.30904786983707, 30.878143082853356, 32.49032877456803,
        33.14129589711122, 34.327166307400105, 35.99444967666009, 41.99500470899409,
        37.99550423809468, 34.29595381428521, 31.66635843285669, 34.89972258957103,
        36.009750330613926, 36.10877529755253, 36.19789776779728, 32.678107991017555,
        29.41029719191579, 32.86926747272422, 35.0823407254518, 37.97410665290662,
        39.076695987615956, 49.269026388854364, 44.342123749968934, 40.00791137497203,
    ]

    static let variances: [Double] = [
        0.0, 17.64, 15.890400000000005, 14.467824000000002,
        193.46115744000002, 256.7344155264001, 496.1178683763841, 582.2870988048711,
        531.2797556619457, 507.1119556299759, 477.0425106485805, 548.3884555044202,
        602.124162255929, 1038.2174746746077, 954.1993680627384, 866.6481034716745,
        864.1711880159692, 841.0815501442148, 792.5196845268955, 913.0415219533317,
        833.438712674821, 768.4016899261901, 699.1197024905277, 711.5505301336284,
        702.283025060732, 834.2580736822604, 808.6250995653573, 764.4626345566687,
        732.2688089053019, 659.0420963518067, 679.8452158028199, 677.155325186875,
        832.2712910903417, 780.7949915440585, 767.8615165444324, 748.2921511541668,
        677.043508073906, 711.4100886860792, 746.2090487336009, 694.9804282013662,
        629.2962091329191, 579.0231858896155, 546.1393718013525, 815.5853808858363,
        877.9908789477741, 913.371851097776, 884.2676128182701, 889.932645465768,
        812.0288351921545, 730.9142051696338, 657.8942699849932, 703.6051236410016,
        729.351898045436, 764.0969868725352, 731.7665271827258, 733.850666077151,
        671.406928638569, 1539.21862684679, 1603.7660906796173, 1612.4580538158416,
    ]

    static let zFromWarmup: [Double] = [
        0.4603700888659758, 0.3026982499799379, -1.038920162751571, -0.9023498706018802,
        -0.685262282084917, 1.6735665541294213, 0.37735606508878533, 0.4940247472234225,
        -0.33059269252072143, -1.1439730262136045, -0.9830543060954589, 1.7886148581366732,
        -0.8773351491972643, 0.710130939213846, 0.8019904818920717, -0.0015982080519867552,
        -1.2090661751361667, -1.0330288685033904, 1.9121540891171083, 0.6510642166558878,
        0.9628401543760738, 0.909911228913897, -0.23057879117395857, -1.2942598983922446,
        -1.286318915364272, 0.5901804332601602, 0.24692938097574424, 0.4727262021554464,
        0.6928854488931367, 2.567672796180781, -1.4004610543679026, -1.2485442786827698,
        -0.8700918821030166, 1.0873334791829854, 0.3720962244175297, 0.03475033378217244,
        0.03296507091350521, -1.3722671705454517, -1.2319480855452307, 1.2807910138269705,
        0.800610987026921, 1.0689979351745902, 0.40701455578190854, 3.93351294959421,
        -1.2558096762189845, -1.0822801033366714,
    ]
}

struct EWMATests {
    let parameters = EWMAParameters(
        alpha: EWMAReference.alpha, warmup: EWMAReference.warmup, minStd: 2, minStdFraction: 0.01)

    @Test func meanAndVarianceMatchNumpyAfterEveryValue() {
        var state = EWMAState()
        for (index, value) in EWMAReference.series.enumerated() {
            state.update(value, alpha: EWMAReference.alpha)
            let mean = EWMAReference.means[index]
            let variance = EWMAReference.variances[index]
            #expect(abs(state.mean - mean) <= 1e-9 * max(1, abs(mean)), "mean after \(index + 1)")
            #expect(
                abs(state.variance - variance) <= 1e-9 * max(1, variance),
                "variance after \(index + 1)")
        }
        #expect(state.count == 60)
    }

    @Test func zScoresAgainstThePreviousStateMatchNumpy() throws {
        var state = EWMAState()
        var scored: [Double] = []
        for value in EWMAReference.series {
            if let scores = state.score(value, parameters: parameters) {
                scored.append(scores.z)
            }
            state.update(value, alpha: EWMAReference.alpha)
        }
        try #require(scored.count == EWMAReference.zFromWarmup.count)
        for (index, z) in scored.enumerated() {
            let expected = EWMAReference.zFromWarmup[index]
            #expect(abs(z - expected) <= 1e-9 * max(1, abs(expected)), "z at \(index + 14)")
        }
    }

    @Test func givesNoScoreDuringWarmup() {
        var state = EWMAState()
        for value in EWMAReference.series.prefix(13) {
            state.update(value, alpha: EWMAReference.alpha)
        }
        #expect(state.score(50, parameters: parameters) == nil)
        state.update(50, alpha: EWMAReference.alpha)
        #expect(state.score(50, parameters: parameters) != nil)
    }

    @Test func flatSeriesUsesTheFloorInsteadOfDividingByZero() throws {
        var state = EWMAState()
        for _ in 0..<20 { state.update(100, alpha: 0.2) }
        #expect(state.variance == 0)
        let floored = EWMAParameters(alpha: 0.2, warmup: 5, minStd: 0, minStdFraction: 0.05)
        let scores = try #require(state.score(90, parameters: floored))
        #expect(scores.std == 5)
        #expect(scores.z == -2)
        #expect(abs(scores.pctChange - -0.1) < 1e-12)
    }
}
