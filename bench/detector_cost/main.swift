// Measures what each detector costs per value and stores per series, the engine's way.
//
// Built by bench/detector_cost.sh straight from Sources/BranchWatch/Stats (pure Swift),
// so it needs no package target. Each value is scored against the boxed state and then
// folded in, as the evaluator does; the best of three passes is reported.

/// A daily rhythm (busy 08:00-20:00) with noise from a linear congruential generator.
func series(spacing: Int64, count: Int) -> [Observation] {
    var lcg: UInt64 = 7
    return (0..<count).map { index in
        lcg = (6_364_136_223_846_793_005 &* lcg &+ 1) >> 1
        let time = Int64(index) * spacing
        let hour = Double(time % 86_400) / 3600
        let value = 100 + 30 * (hour >= 8 && hour < 20 ? 1 : -1) + Double(lcg % 21)
        return Observation(value: value, localTime: time, gap: index == 0 ? nil : spacing)
    }
}

struct Cost {
    var perSecond: Double
    var steadyBytes: Int
    var peakBytes: Int
}

func measure<D: Detector>(_ detector: D, _ observations: [Observation]) -> Cost {
    var best = Double.infinity
    var checksum = 0.0
    for _ in 0..<3 {
        var state: DetectorState?
        let elapsed = ContinuousClock().measure {
            for observation in observations {
                if let scores = detector.score(observation, boxed: state) {
                    checksum += scores.z.isNaN ? 0 : 1
                }
                state = detector.updated(state, with: observation)
            }
        }
        let seconds =
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds)
    }
    precondition(checksum > 0, "nothing was scored")
    // Sizes in a pass of their own: the engine stores a state once per file, not per value.
    var state: DetectorState?
    var peak = 0
    for observation in observations {
        state = detector.updated(state, with: observation)
        peak = max(peak, state?.storedValues.count ?? 0)
    }
    return Cost(
        perSecond: Double(observations.count) / best,
        steadyBytes: (state?.storedValues.count ?? 0) * 8, peakBytes: peak * 8)
}

let cadences: [(String, Int64, Int)] = [
    ("daily", 86_400, 3_000), ("hourly", 3_600, 30_000), ("5-minute", 300, 60_000),
]
print("| data | values | detector | values/s | × ewma | bytes/series (steady) | peak | × ewma |")
print("|---|---:|---|---:|---:|---:|---:|---:|")
for (name, spacing, count) in cadences {
    let observations = series(spacing: spacing, count: count)
    let ewma = measure(EWMADetector(), observations)
    let rows: [(String, Cost)] = [
        ("ewma", ewma),
        ("seasonal", measure(SeasonalDetector(), observations)),
        ("robust (28)", measure(RobustDetector(), observations)),
        ("auto", measure(AutoDetector(), observations)),
    ]
    for (detector, cost) in rows {
        let speed = cost.perSecond / ewma.perSecond
        let size = Double(cost.steadyBytes) / Double(ewma.steadyBytes)
        print(
            "| \(name) | \(count) | \(detector) | \(Int(cost.perSecond)) | "
                + NumberFormat.fixed(speed, decimals: 3) + " | \(cost.steadyBytes) | "
                + "\(cost.peakBytes) | " + NumberFormat.fixed(size, decimals: 0) + " |")
    }
}
