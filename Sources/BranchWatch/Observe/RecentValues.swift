// Bounded rings of recent values per series, and the events that made alerts fire.

/// Keeps the last few values of the series rules watch, for the status page's charts.
///
/// Only values newer than a series' last kept one are added, as the engine applies them.
/// Owned by the daemon's thread.
///
/// Limitation: past `seriesLimit` series the rings of series without an active alert
/// are dropped, so a chart can start when its alert went pending. Keeping every series'
/// history would cost memory in proportion to all series.
struct RecentValues {
    static let pointsPerSeries = 60
    static let seriesLimit = 20_000

    private var rings: [SeriesKey: [ChartPoint]] = [:]
    /// The firing event of each alert this process saw fire, until it resolves.
    private(set) var firedEvents: [AlertKey: AlertEvent] = [:]

    var seriesCount: Int { rings.count }

    /// Adds the in-order samples of metrics in `watched`, oldest first.
    mutating func record(_ samples: [Sample], watched: Set<String>) {
        let ordered = samples.enumerated()
            .filter { watched.contains($0.element.metric) }
            .sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
        for (_, sample) in ordered {
            let key = sample.seriesKey
            var ring = rings[key] ?? []
            if let last = ring.last, sample.timestamp <= last.timestamp { continue }
            ring.append(ChartPoint(timestamp: sample.timestamp, value: sample.value))
            if ring.count > Self.pointsPerSeries {
                ring.removeFirst(ring.count - Self.pointsPerSeries)
            }
            rings[key] = ring
        }
    }

    /// Remembers firing events and forgets them when their alert resolves.
    mutating func record(_ events: [AlertEvent]) {
        for event in events {
            let key = AlertKey(
                rule: event.rule, series: SeriesKey(branch: event.branch, metric: event.metric))
            switch event.status {
            case .firing: firedEvents[key] = event
            case .resolved: firedEvents[key] = nil
            }
        }
    }

    /// Drops the rings of series not in `active` once there are too many.
    mutating func trim(keeping active: Set<SeriesKey>) {
        guard rings.count > Self.seriesLimit else { return }
        rings = rings.filter { active.contains($0.key) }
    }

    func points(for series: SeriesKey) -> [ChartPoint] {
        rings[series] ?? []
    }
}
