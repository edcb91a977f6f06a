// Finds a series' sample spacing and its daily or weekly period from its first values.

/// A period adopted from the warm-up values, with the seasonal baseline they give.
struct PeriodAdoption: Equatable {
    /// Slots in one period: the period divided by the sample spacing.
    var slots: Int
    /// Mean of the warm-up values.
    var level: Double
    /// Mean departure from `level` of the values in each slot.
    var offsets: [Double]
    /// Variance of what level and offsets leave unexplained.
    var variance: Double
}

/// The warm-up of period detection, as a pure state.
///
/// The spacing is the median gap of the first `spacingSamples` values. After that,
/// values sit on a grid of that spacing anchored at the first value (missing samples
/// stay empty), so a slot is a time of day or week, not a count of values, and a
/// missing day does not shift every later slot. Each candidate period of P grid steps
/// is judged once, when the grid reaches 2P + 2 steps: the Pearson correlation of
/// values one period apart must exceed `minCorrelation` and any period adopted before.
/// The buffer is freed once the last candidate has been judged.
///
/// Limitation: each period is judged once, on its first 2P + 2 steps (16 days for a
/// week of daily values); a series whose first fortnight is atypical (a holiday season)
/// keeps no period for good — judging again later would need the buffer kept longer.
struct PeriodFinder: Equatable {
    /// Local time of the first value: grid step 0.
    var origin: Int64 = 0
    /// Seconds between samples; 0 until known.
    var spacing: Int64 = 0
    /// Slots of the adopted period; 0 for none.
    var slots = 0
    var bestCorrelation = -Double.infinity
    /// Candidates judged so far, in the order of `candidates`.
    var judged = 0
    var isDone = false
    /// Values seen before the spacing is known: time since `origin`, value, ….
    var pending: [Double] = []
    /// Values by grid step; NaN where no value fell.
    var grid: [Double] = []

    /// The grid step of a local time.
    func step(of time: Int64) -> Int64 {
        (time - origin + spacing / 2).floorDivided(by: spacing)
    }

    /// The slot of a local time in the adopted period; 0 without one.
    func slot(of time: Int64) -> Int {
        guard slots > 0, spacing > 0 else { return 0 }
        return Int(step(of: time).floorModulo(Int64(slots)))
    }

    /// Candidate periods in grid steps: whole, at least 2, and within the buffer.
    func candidates(_ parameters: AutoParameters) -> [Int] {
        guard spacing > 0 else { return [] }
        return parameters.periods.compactMap { period in
            guard period % spacing == 0 else { return nil }
            let steps = period / spacing
            return steps >= 2 && 2 * steps + 2 <= parameters.periodBuffer ? Int(steps) : nil
        }
    }

    /// Takes in one value; returns a period when this value settles one.
    mutating func observe(_ value: Double, at time: Int64, parameters: AutoParameters)
        -> PeriodAdoption?
    {
        guard !isDone else { return nil }
        if spacing == 0 {
            if pending.isEmpty { origin = time }
            pending += [Double(time - origin), value]
            guard pending.count / 2 >= parameters.spacingSamples else { return nil }
            fixSpacing(parameters)
            if isDone { return nil }
        } else {
            place(value, at: time, parameters: parameters)
        }
        return judge(newest: step(of: time), parameters: parameters)
    }

    /// Sets the spacing from the pending values and moves them onto the grid.
    private mutating func fixSpacing(_ parameters: AutoParameters) {
        let times = stride(from: 0, to: pending.count, by: 2).map { Int64(pending[$0]) }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        spacing = gaps.isEmpty ? 0 : gaps[(gaps.count - 1) / 2]
        let values = stride(from: 1, to: pending.count, by: 2).map { pending[$0] }
        pending = []
        guard spacing > 0, !candidates(parameters).isEmpty else {
            isDone = true
            return
        }
        for (time, value) in zip(times, values) {
            place(value, at: origin + time, parameters: parameters)
        }
    }

    private mutating func place(_ value: Double, at time: Int64, parameters: AutoParameters) {
        let capacity = 2 * (candidates(parameters).max() ?? 0) + 2
        let index = step(of: time)
        guard index >= 0, index < capacity else { return }
        let position = Int(index)
        if grid.count <= position {
            grid += Array(repeating: .nan, count: position + 1 - grid.count)
        }
        grid[position] = value
    }

    /// Judges every candidate the grid has now reached.
    private mutating func judge(newest: Int64, parameters: AutoParameters) -> PeriodAdoption? {
        let candidates = candidates(parameters)
        var adoption: PeriodAdoption?
        while judged < candidates.count, newest >= Int64(2 * candidates[judged] + 1) {
            let period = candidates[judged]
            judged += 1
            let correlation = lagCorrelation(period)
            if correlation > parameters.minCorrelation, correlation > bestCorrelation {
                bestCorrelation = correlation
                slots = period
                adoption = baseline(period)
            }
        }
        if judged == candidates.count {
            isDone = true
            grid = []
        }
        return adoption
    }

    /// Pearson correlation of the grid's values with those `lag` steps earlier; NaN for
    /// fewer than three pairs or a constant side.
    func lagCorrelation(_ lag: Int) -> Double {
        var pairs: [(Double, Double)] = []
        for index in grid.indices.dropFirst(lag)
        where !grid[index].isNaN && !grid[index - lag].isNaN {
            pairs.append((grid[index], grid[index - lag]))
        }
        guard pairs.count >= 3 else { return .nan }
        let count = Double(pairs.count)
        let meanA = pairs.reduce(0) { $0 + $1.0 } / count
        let meanB = pairs.reduce(0) { $0 + $1.1 } / count
        var (product, squareA, squareB) = (0.0, 0.0, 0.0)
        for (a, b) in pairs {
            product += (a - meanA) * (b - meanB)
            squareA += (a - meanA) * (a - meanA)
            squareB += (b - meanB) * (b - meanB)
        }
        guard squareA > 0, squareB > 0 else { return .nan }
        return product / (squareA * squareB).squareRoot()
    }

    /// Level, slot offsets and residual variance of the grid's values for `period`.
    func baseline(_ period: Int) -> PeriodAdoption {
        let filled = grid.indices.filter { !grid[$0].isNaN }
        let level = filled.reduce(0) { $0 + grid[$1] } / Double(max(1, filled.count))
        var sums = Array(repeating: 0.0, count: period)
        var counts = Array(repeating: 0, count: period)
        for index in filled {
            sums[index % period] += grid[index] - level
            counts[index % period] += 1
        }
        let offsets = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 }
        let squares = filled.reduce(0.0) { total, index in
            let residual = grid[index] - level - offsets[index % period]
            return total + residual * residual
        }
        return PeriodAdoption(
            slots: period, level: level, offsets: offsets,
            variance: squares / Double(max(1, filled.count)))
    }

    static func == (left: PeriodFinder, right: PeriodFinder) -> Bool {
        // The grid marks empty steps with NaN, which is never equal to itself.
        left.origin == right.origin && left.spacing == right.spacing
            && left.slots == right.slots && left.bestCorrelation == right.bestCorrelation
            && left.judged == right.judged && left.isDone == right.isDone
            && left.pending == right.pending
            && left.grid.map(\.bitPattern) == right.grid.map(\.bitPattern)
    }
}
