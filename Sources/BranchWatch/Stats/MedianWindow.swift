// The most recent values of a series with their median and MAD, kept sorted as they arrive.

/// A rolling window of values, oldest first, with a sorted copy for the median.
///
/// Only `values` is stored; the sorted copy is rebuilt when a state is restored.
/// Inserting and evicting costs O(window) (binary search plus a shift), and the MAD is
/// read off the sorted copy by walking outward from the median, also O(window).
struct MedianWindow: Equatable {
    private(set) var values: [Double] = []
    private var sorted: [Double] = []

    init(values: [Double] = []) {
        self.values = values
        sorted = values.sorted()
    }

    var count: Int { values.count }

    /// The middle value, or the mean of the two middle values.
    var median: Double {
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median absolute deviation from the median.
    ///
    /// Deviations left of the median grow leftward and those right of it grow rightward,
    /// so merging the two runs from the middle reaches the middle deviation in n/2 steps.
    var medianAbsoluteDeviation: Double {
        guard !sorted.isEmpty else { return .nan }
        let center = median
        var right = firstIndex(notBelow: center)
        var left = right - 1
        // The two deviations last taken: after n/2 + 1 steps they are the middle ones.
        var (previous, current) = (0.0, 0.0)
        for _ in 0...(sorted.count / 2) {
            let leftDeviation = left >= 0 ? center - sorted[left] : .infinity
            let rightDeviation = right < sorted.count ? sorted[right] - center : .infinity
            previous = current
            if leftDeviation <= rightDeviation {
                current = leftDeviation
                left -= 1
            } else {
                current = rightDeviation
                right += 1
            }
        }
        return sorted.count % 2 == 1 ? current : (previous + current) / 2
    }

    /// Appends `value` and evicts the oldest values beyond `length`.
    mutating func append(_ value: Double, length: Int) {
        values.append(value)
        sorted.insert(value, at: firstIndex(notBelow: value))
        while values.count > length {
            let oldest = values.removeFirst()
            sorted.remove(at: firstIndex(notBelow: oldest))
        }
    }

    /// The first position in `sorted` whose value is not below `value`.
    private func firstIndex(notBelow value: Double) -> Int {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
