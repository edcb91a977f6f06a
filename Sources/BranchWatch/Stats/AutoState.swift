// Everything the `auto` detector keeps for one series, and how it is stored.

/// The state of the `auto` detector for one series: each part's own state.
public struct AutoState: DetectorStateValue {
    /// Values folded in.
    public internal(set) var count = 0
    var lastValue = 0.0
    /// Smallest non-zero step between consecutive values: half of it floors every
    /// spread, so counts never get a spread below half a count.
    var smallestStep = 0.0
    var finder = PeriodFinder()
    var seasonal = WinsorizedBaseline()
    var median = MedianWindow()
    var seasonalLikelihood = TailLikelihood()
    var medianLikelihood = TailLikelihood()
    var range = NoveltyRange()

    public init() {}

    /// The sample spacing found, in seconds; 0 before it is known.
    public var spacing: Int64 { finder.spacing }
    /// Slots of the period found (7 for a week of daily values); 0 for none.
    public var periodSlots: Int { finder.slots }

    /// The least spread for a series at `level`.
    func spreadFloor(_ level: Double, parameters: AutoParameters) -> Double {
        max(parameters.floorFraction * abs(level), smallestStep / 2, 1e-12)
    }

    public var boxed: DetectorState { .auto(self) }

    public init?(unboxing box: DetectorState) {
        guard case .auto(let state) = box else { return nil }
        self = state
    }
}

// MARK: - Storage

extension AutoState {
    /// Numbers stored per part, in a fixed order; arrays carry their count first.
    public var storedValues: [Double] {
        var out = [Double(count), lastValue, smallestStep]
        out += [
            Double(finder.origin), Double(finder.spacing), Double(finder.slots),
            finder.bestCorrelation, Double(finder.judged), finder.isDone ? 1 : 0,
        ]
        out.appendCounted(finder.pending)
        out.appendCounted(finder.grid)
        out += [Double(seasonal.count), seasonal.level, seasonal.variance, seasonal.meanSize]
        out.appendCounted(seasonal.offsets)
        out.appendCounted(median.values)
        for likelihood in [seasonalLikelihood, medianLikelihood] {
            out += [Double(likelihood.count), likelihood.mean, likelihood.variance]
            out.appendCounted(likelihood.recent)
        }
        return out + [range.low, range.high]
    }

    public init?(storedValues values: [Double]) {
        var reader = StoredValuesReader(values)
        guard let count = reader.integer(), let last = reader.number(),
            let step = reader.number(), let finder = Self.readFinder(&reader),
            let seasonal = Self.readBaseline(&reader),
            let window = reader.array(limit: 100_000),
            let seasonalLikelihood = Self.readLikelihood(&reader),
            let medianLikelihood = Self.readLikelihood(&reader),
            let low = reader.number(), let high = reader.number(), reader.isAtEnd
        else { return nil }
        (self.count, lastValue, smallestStep) = (count, last, step)
        (self.finder, self.seasonal, median) = (finder, seasonal, MedianWindow(values: window))
        (self.seasonalLikelihood, self.medianLikelihood) = (seasonalLikelihood, medianLikelihood)
        range = NoveltyRange(low: low, high: high)
    }

    private static func readFinder(_ reader: inout StoredValuesReader) -> PeriodFinder? {
        var finder = PeriodFinder()
        guard let originValue = reader.number(), let origin = Int64(exactly: originValue),
            let spacingValue = reader.number(), let spacing = Int64(exactly: spacingValue),
            spacing >= 0,
            let slots = reader.integer(in: 0...100_000), let best = reader.number(),
            let judged = reader.integer(in: 0...100), let done = reader.integer(in: 0...1),
            let pending = reader.array(limit: 100_000), pending.count % 2 == 0,
            let grid = reader.array(limit: 100_000)
        else { return nil }
        (finder.origin, finder.spacing, finder.slots) = (origin, spacing, slots)
        (finder.bestCorrelation, finder.judged, finder.isDone) = (best, judged, done == 1)
        (finder.pending, finder.grid) = (pending, grid)
        return finder
    }

    private static func readBaseline(_ reader: inout StoredValuesReader) -> WinsorizedBaseline? {
        guard let count = reader.integer(), let level = reader.number(),
            let variance = reader.number(), let size = reader.number(),
            let offsets = reader.array(limit: 100_000)
        else { return nil }
        return WinsorizedBaseline(
            count: count, level: level, variance: variance, meanSize: size, offsets: offsets)
    }

    private static func readLikelihood(_ reader: inout StoredValuesReader) -> TailLikelihood? {
        guard let count = reader.integer(), let mean = reader.number(),
            let variance = reader.number(), let recent = reader.array(limit: 100_000)
        else { return nil }
        return TailLikelihood(recent: recent, count: count, mean: mean, variance: variance)
    }
}
