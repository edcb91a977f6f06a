// A thread-safe registry of counters, gauges and histograms that any part of branchwatch feeds.
import Synchronization

/// The label names and values of one series, sorted by name.
public struct MetricLabels: Hashable, Sendable {
    public let names: [String]
    public let values: [String]

    public init(_ labels: [String: String]) {
        names = labels.keys.sorted()
        values = names.map { labels[$0] ?? "" }
    }
}

/// The current value of one series.
public enum MetricValue: Sendable, Equatable {
    /// A counter or gauge.
    case number(Double)
    case histogram(HistogramValue)
}

/// Observations of a histogram: how many fell in each bucket (not cumulative), their count
/// and their sum. `bucketCounts` has one more entry than the buckets: the `+Inf` bucket.
public struct HistogramValue: Sendable, Equatable {
    public var bucketCounts: [UInt64]
    public var count: UInt64 = 0
    public var sum: Double = 0

    init(bucketCount: Int) {
        bucketCounts = Array(repeating: 0, count: bucketCount + 1)
    }

    mutating func observe(_ value: Double, buckets: [Double]) {
        let index = buckets.firstIndex { value <= $0 } ?? buckets.count
        bucketCounts[index] += 1
        count += 1
        sum += value
    }
}

/// One family and its series at one moment, series sorted by their labels.
public struct MetricSnapshot: Sendable {
    public let family: MetricFamily
    public let series: [(labels: MetricLabels, value: MetricValue)]
}

/// Counters, gauges and histograms, by family and labels.
///
/// Every method takes the registry's lock for one update or one copy, so the engine
/// thread, the delivery code and the HTTP server thread may use one registry at once.
/// Using a family with another kind or help text than the one first registered under
/// its name is a programming error and traps.
public final class Metrics: Sendable {
    private let families = Mutex<[String: FamilyValues]>([:])

    public init() {}

    /// Makes families appear in the output before anything was counted in them.
    public func declare(_ declared: [MetricFamily]) {
        families.withLock { table in
            for family in declared { Metrics.entry(family, in: &table) }
        }
    }

    /// Adds `amount` (not negative) to a counter.
    public func increment(
        _ family: MetricFamily, by amount: Double = 1, labels: [String: String] = [:]
    ) {
        precondition(family.kind == .counter && amount >= 0, "\(family.name): not a counter step")
        update(family, labels) { value in
            if case .number(let current) = value { value = .number(current + amount) }
        }
    }

    /// Sets a gauge.
    public func set(_ family: MetricFamily, to number: Double, labels: [String: String] = [:]) {
        precondition(family.kind == .gauge, "\(family.name) is not a gauge")
        update(family, labels) { $0 = .number(number) }
    }

    /// Records one observation in a histogram.
    public func observe(_ family: MetricFamily, _ number: Double, labels: [String: String] = [:]) {
        guard case .histogram(let buckets) = family.kind else {
            preconditionFailure("\(family.name) is not a histogram")
        }
        update(family, labels) { value in
            if case .histogram(var histogram) = value {
                histogram.observe(number, buckets: buckets)
                value = .histogram(histogram)
            }
        }
    }

    /// The value of a counter or gauge series, or nil when it was never set.
    public func value(of family: MetricFamily, labels: [String: String] = [:]) -> Double? {
        let value = families.withLock { $0[family.name]?.series[MetricLabels(labels)] }
        guard case .number(let number) = value else { return nil }
        return number
    }

    /// Every family and series, families sorted by name.
    public func snapshot() -> [MetricSnapshot] {
        let table = families.withLock { $0 }
        return table.values.sorted { $0.family.name < $1.family.name }.map { entry in
            let series = entry.series.sorted {
                $0.key.values.lexicographicallyPrecedes($1.key.values)
            }
            return MetricSnapshot(
                family: entry.family, series: series.map { (labels: $0.key, value: $0.value) })
        }
    }

    private func update(
        _ family: MetricFamily, _ labels: [String: String], _ change: (inout MetricValue) -> Void
    ) {
        let key = MetricLabels(labels)
        families.withLock { table in
            Metrics.entry(family, in: &table)
            var value = table[family.name]?.series[key] ?? Metrics.zero(family.kind)
            change(&value)
            table[family.name]?.series[key] = value
        }
    }

    private static func entry(_ family: MetricFamily, in table: inout [String: FamilyValues]) {
        if let existing = table[family.name] {
            precondition(existing.family == family, "\(family.name) registered twice, differently")
            return
        }
        table[family.name] = FamilyValues(family: family)
    }

    private static func zero(_ kind: MetricFamily.Kind) -> MetricValue {
        switch kind {
        case .counter, .gauge: return .number(0)
        case .histogram(let buckets): return .histogram(HistogramValue(bucketCount: buckets.count))
        }
    }
}

/// One family's series, as the registry keeps them.
private struct FamilyValues: Sendable {
    let family: MetricFamily
    var series: [MetricLabels: MetricValue] = [:]
}
