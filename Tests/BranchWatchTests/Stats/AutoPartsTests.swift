// The auto detector's building blocks: MAD off a sorted window, the normal tail, slots.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

struct AutoPartsTests {
    /// Median and MAD the slow way.
    static func bruteForce(_ values: [Double]) -> (median: Double, mad: Double) {
        func median(_ list: [Double]) -> Double {
            let sorted = list.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1
                ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        let center = median(values)
        return (center, median(values.map { abs($0 - center) }))
    }

    @Test func rollingMedianAndMADMatchSortingEveryTime() {
        var window = MedianWindow()
        var lcg: UInt64 = 99
        var kept: [Double] = []
        for _ in 0..<400 {
            lcg = (1_103_515_245 * lcg + 12345) % (1 << 31)
            // Few distinct values, so ties and a zero MAD both occur.
            let value = Double(lcg % 9) - 4
            window.append(value, length: 25)
            kept = Array((kept + [value]).suffix(25))
            let (median, mad) = Self.bruteForce(kept)
            #expect(window.median == median && window.medianAbsoluteDeviation == mad)
        }
        #expect(window.values == kept)
    }

    /// `-scipy.stats.norm.logsf(u) / ln 10`, across the switch from erfc to the series.
    @Test(arguments: [
        (-3.0, 0.000586649313790066), (0, 0.30102999566398114), (1, 0.7995455414919703),
        (5, 6.5426456723906545), (10, 23.118053405486076), (36.9, 297.6362894255578),
        (37.1, 300.85241271794104), (50, 544.9663358619966), (200, 8688.589768851562),
    ])
    func normalTailMatchesScipy(u: Double, expected: Double) {
        let actual = NormalTail.minusLog10UpperTail(u)
        #expect(abs(actual - expected) <= 1e-10 * max(1, expected))
    }

    @Test func slotsFollowTheClockAcrossMissingDays() {
        var finder = PeriodFinder()
        let parameters = AutoParameters()
        let monday: Int64 = 1_420_416_000  // 2015-01-05
        // Three weeks with a weekly rhythm, then Christmas-style gaps of one and two days.
        let days = Array(0..<21) + [22, 23, 26, 27]
        for day in days {
            let value = day % 7 == 6 ? 5.0 : 40 + Double(day % 7)
            _ = finder.observe(value, at: monday + Int64(day) * 86_400, parameters: parameters)
        }
        #expect(finder.spacing == 86_400 && finder.slots == 7 && finder.isDone)
        #expect(finder.grid.isEmpty)
        // Mondays stay slot 0 however many days went missing before them.
        for week in [0, 3, 4, 10] {
            #expect(finder.slot(of: monday + Int64(week * 7) * 86_400) == 0)
        }
        #expect(finder.slot(of: monday + 6 * 86_400) == 6)
    }

    @Test func spacingIsTheMedianGapNotTheFirst() {
        var finder = PeriodFinder()
        // Hourly values whose second hour is missing.
        let hours = [0] + Array(2..<17)
        for hour in hours {
            _ = finder.observe(1, at: Int64(hour) * 3600, parameters: AutoParameters())
        }
        #expect(finder.spacing == 3600)
    }

    @Test func winsorizingBoundsWhatOneOutlierMoves() {
        var baseline = WinsorizedBaseline()
        let parameters = AutoParameters()
        let floor: (Double) -> Double = { _ in 0.5 }
        for index in 0..<200 {
            baseline.update(
                100 + Double(index % 5), slot: 0, floor: floor, parameters: parameters)
        }
        let before = baseline.level
        let spread = baseline.verdict(100, slot: 0, floor: floor).spread
        baseline.update(100_000, slot: 0, floor: floor, parameters: parameters)
        // The residual is clipped at 4 spreads, so the level moves by alpha times that.
        #expect(abs(baseline.level - before - 0.05 * 4 * spread) < 1e-9)
    }
}
