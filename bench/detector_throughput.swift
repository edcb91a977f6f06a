// Updates per second of each detector alone, on a generated daily series, against `ewma`.
//
// Compiled by bench/detector_throughput.sh together with Sources/BranchWatch/Stats (and
// the Sample type), optimised as a release build, so no package target or command exists
// for it. Each update is what the evaluator does per sample for one detector: score the
// value against the stored (boxed) state, then fold it in. No rule, SQLite or parsing.
import Glibc

@main
struct DetectorThroughput {
    /// Branches, and days of data per branch: 200 × 5000 = one million updates a run.
    static let branches = 200
    static let days = 5000
    /// Peer groups of this many branches (a region).
    static let groupSize = 10
    static let runs = 3

    static func main() {
        let series = GeneratedSeries(branches: branches, days: days)
        let cases: [(name: String, run: () -> Double)] = [
            ("ewma", { perValue(.ewma(EWMADetector()), series.values) }),
            ("seasonal", { perValue(.seasonal(SeasonalDetector()), series.values) }),
            ("robust", { perValue(.robust(RobustDetector()), series.values) }),
            ("poisson", { perValue(.poisson(PoissonDetector(slots: .weekday)), series.counts) }),
            ("cusum", { perValue(.cusum(CUSUMDetector(slots: .weekday)), series.values) }),
            ("peer", { peer(series.values) }),
            ("absent", { absent(series.values) }),
        ]
        var seconds: [String: [Double]] = [:]
        var checksum = 0.0
        // Runs interleave the detectors, so a burst of load on a shared machine spreads
        // over all of them instead of landing on one.
        for _ in 0..<runs {
            for (name, run) in cases {
                let start = now()
                checksum += run()
                seconds[name, default: []].append(now() - start)
            }
        }
        let updates = Double(branches * days)
        func rate(_ name: String) -> Double { updates / median(seconds[name] ?? []) }
        let baseline = rate("ewma")
        print("| detector | updates/s (median of \(runs)) | ratio to ewma | runs (s) |")
        print("|---|---|---|---|")
        for (name, _) in cases {
            let runs = (seconds[name] ?? []).map { fixed($0, 3) }.joined(separator: ", ")
            print("| \(name) | \(grouped(rate(name))) | \(fixed(rate(name) / baseline, 3)) | \(runs) |")
        }
        print("\n\(Int(updates)) updates per run; checksum \(checksum)")
    }

    /// Scores and updates every value through the boxed state, as the evaluator does.
    static func perValue(_ spec: DetectorSpec, _ values: [[Double]]) -> Double {
        guard let detector = spec.perValue else { return 0 }
        var states = [DetectorState?](repeating: nil, count: branches)
        var sum = 0.0
        for day in 0..<days {
            let time = Int64(day) * 86_400
            for branch in 0..<branches {
                let observation = Observation(
                    value: values[branch][day], localTime: time, gap: day == 0 ? nil : 86_400)
                if let scores = detector.score(observation, boxed: states[branch]) {
                    sum += scores.z.isFinite ? scores.z : 0
                }
                states[branch] = detector.updated(states[branch], with: observation)
            }
        }
        return sum
    }

    /// Each day: every branch's own change, the median of its group's others, the score,
    /// and the update — the work of the evaluator's peer batch, boxed states included.
    static func peer(_ values: [[Double]]) -> Double {
        let detector = PeerDetector()
        var stored = [DetectorState?](repeating: nil, count: branches)
        var sum = 0.0
        for day in 0..<days {
            let time = Int64(day) * 86_400
            for first in stride(from: 0, to: branches, by: groupSize) {
                let members = first..<min(first + groupSize, branches)
                let observations = members.map {
                    Observation(value: values[$0][day], localTime: time, gap: 86_400)
                }
                let states = members.map {
                    detector.startingState(stored[$0], before: observations[$0 - first])
                }
                let changes = members.indices.compactMap { index in
                    detector.ownChange(
                        observations[index - first], state: states[index - first]
                    ).map { (index: index, change: $0) }
                }
                let sorted = changes.sorted { $0.change < $1.change }
                let ordered = sorted.map(\.change)
                var medians = [Int: Double]()
                for (position, member) in sorted.enumerated() where ordered.count > 1 {
                    medians[member.index] = PeerDetector.median(of: ordered, excluding: position)
                }
                for index in members {
                    let observation = observations[index - first]
                    let median = medians[index]
                    if let median,
                        let scores = detector.score(
                            observation, state: states[index - first], peerMedian: median,
                            peerCount: ordered.count - 1)
                    {
                        sum += scores.peerZ
                    }
                    stored[index] = detector.updated(
                        states[index - first], with: observation, peerMedian: median
                    ).boxed
                }
            }
        }
        return sum
    }

    /// The age of every series on every day, with the bookkeeping that feeds it.
    static func absent(_ values: [[Double]]) -> Double {
        let detector = AbsentDetector()
        var series = [SeriesState](repeating: SeriesState(), count: branches)
        var sum = 0.0
        for day in 0..<days {
            let time = Int64(day) * 86_400
            for branch in 0..<branches {
                if let scores = detector.score(series: series[branch], clock: time) {
                    sum += scores.age
                }
                series[branch].record(
                    Sample(timestamp: time, branch: "", metric: "", value: values[branch][day]))
            }
        }
        return sum
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// `value` with `decimals` digits after the point (positive values only).
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let fraction = String(scaled % Int64(scale))
        let padding = String(repeating: "0", count: decimals - fraction.count)
        return "\(scaled / Int64(scale)).\(padding)\(fraction)"
    }

    /// Whole number with thin groups of three digits: 12 345 678.
    static func grouped(_ value: Double) -> String {
        let digits = String(Int64(value.rounded()))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += " " }
            result.append(digit)
        }
        return result
    }
}

/// A deterministic daily series per branch: a level, a weekly rhythm and noise, and a
/// count series (mean about 20) for the count detector.
struct GeneratedSeries {
    var values: [[Double]]
    var counts: [[Double]]

    init(branches: Int, days: Int) {
        var random = SplitMix(seed: 20_240_301)
        let weekly = [1.0, 0.95, 0.97, 1.0, 1.2, 1.35, 0.6]
        values = []
        counts = []
        for _ in 0..<branches {
            let level = 300 + 7000 * random.unit()
            var row: [Double] = []
            var countRow: [Double] = []
            for day in 0..<days {
                let noise = 1 + 0.1 * (random.unit() + random.unit() + random.unit() - 1.5)
                row.append((level * weekly[day % 7] * noise).rounded())
                countRow.append((20 * weekly[day % 7] * noise * (0.5 + random.unit())).rounded())
            }
            values.append(row)
            counts.append(countRow)
        }
    }
}

/// SplitMix64: a small, fixed pseudo-random sequence, so every run sees the same data.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
