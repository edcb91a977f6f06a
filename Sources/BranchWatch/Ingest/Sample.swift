// One observation of one metric at one branch.

/// A value of `metric` at `branch` at an instant, as read from a drop file.
public struct Sample: Sendable, Equatable {
    /// Seconds since the Unix epoch.
    public var timestamp: Int64
    public var branch: String
    public var metric: String
    public var value: Double
    /// The 1-based line of the drop file the sample came from.
    public var line: Int
    /// Extra columns of the row (region, channel…), by column name; empty cells are left out.
    public var labels: [String: String]

    public init(
        timestamp: Int64, branch: String, metric: String, value: Double, line: Int = 0,
        labels: [String: String] = [:]
    ) {
        self.timestamp = timestamp
        self.branch = branch
        self.metric = metric
        self.value = value
        self.line = line
        self.labels = labels
    }

    public var seriesKey: SeriesKey { SeriesKey(branch: branch, metric: metric) }
}

/// Identifies one series: a metric at a branch.
public struct SeriesKey: Hashable, Sendable, CustomStringConvertible {
    public var branch: String
    public var metric: String

    public init(branch: String, metric: String) {
        self.branch = branch
        self.metric = metric
    }

    public var description: String { "\(branch)/\(metric)" }
}
