// What branchwatch remembers of every series, whatever the rules ask of it.

/// The bookkeeping of one series: how many samples, and the last one applied.
public struct SeriesState: Sendable, Equatable {
    public var count: Int = 0
    public var lastTimestamp: Int64 = .min
    public var lastValue: Double = 0

    public init(count: Int = 0, lastTimestamp: Int64 = .min, lastValue: Double = 0) {
        self.count = count
        self.lastTimestamp = lastTimestamp
        self.lastValue = lastValue
    }

    /// How a new sample relates to what was already applied.
    public enum Arrival: Equatable {
        case inOrder
        /// Older than the last applied sample, or the same instant with the same value.
        case late
        /// The same instant as the last applied sample, with another value.
        case conflict
    }

    public func arrival(of sample: Sample) -> Arrival {
        guard count > 0, sample.timestamp <= lastTimestamp else { return .inOrder }
        let isConflict = sample.timestamp == lastTimestamp && sample.value != lastValue
        return isConflict ? .conflict : .late
    }

    public mutating func record(_ sample: Sample) {
        count += 1
        lastTimestamp = sample.timestamp
        lastValue = sample.value
    }
}

/// Identifies the state one detector keeps for one series.
public struct DetectorKey: Hashable, Sendable {
    public var series: SeriesKey
    /// `DetectorSpec.stateKey`: which detector, with the settings that shape its state.
    public var detector: String

    public init(series: SeriesKey, detector: String) {
        self.series = series
        self.detector = detector
    }
}

extension EWMAState {
    /// The state as numbers, for storage.
    public var storedValues: [Double] { [Double(count), mean, variance] }

    /// Restores a state from `storedValues`; nil when the numbers do not fit.
    public init?(storedValues values: [Double]) {
        guard values.count == 3, let count = Int(exactly: values[0]) else { return nil }
        self.init(count: count, mean: values[1], variance: values[2])
    }
}
