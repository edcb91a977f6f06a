// Everything the engine keeps per series, laid out by series number for the per-sample work.

/// Every series, detector and alert state the engine keeps between files.
///
/// Each series gets a number the first time it is seen; its bookkeeping and detector
/// states sit at that number in plain arrays, one array per detector state key. A sample
/// then costs one hash lookup of its series key, and the rest is array indexing. The
/// tables a test or a status page wants (`series`, `detectors`) are built on demand.
public struct EngineState: Sendable {
    /// The number of each series.
    private(set) var ids: [SeriesKey: Int32] = [:]
    /// The key of each series, by number.
    private(set) var keys: [SeriesKey] = []
    /// The bookkeeping of each series, by number.
    var seriesStates: [SeriesState] = []
    /// The detector state keys in column order, and each one's column of states.
    private(set) var columnKeys: [String] = []
    private var columnIndex: [String: Int] = [:]
    var columns: [[DetectorState?]] = []
    /// Alert states by rule and series. Alerts are few next to series: most series never
    /// alert, so `mayHaveAlerts` lets a sample skip this table altogether.
    public private(set) var alerts: [AlertKey: AlertState] = [:]
    /// True for a series some alert entry was ever made for.
    private var mayHaveAlerts: [Bool] = []

    public init() {}

    // MARK: - Series numbers

    /// How many series the state knows.
    public var seriesCount: Int { keys.count }

    /// The number of `key`'s series, made (with empty state) when it is new.
    mutating func id(creating key: SeriesKey) -> Int32 {
        if let known = ids[key] { return known }
        appendSeries(key, SeriesState())
        return Int32(keys.count - 1)
    }

    /// Adds a series the state does not have yet, without first looking it up: for loading
    /// rows whose primary key already makes each key unique.
    mutating func appendSeries(_ key: SeriesKey, _ series: SeriesState) {
        ids[key] = Int32(keys.count)
        keys.append(key)
        seriesStates.append(series)
        mayHaveAlerts.append(false)
        for column in columns.indices { columns[column].append(nil) }
    }

    /// Makes room for `count` series in all, so loading does not regrow the tables.
    mutating func reserveSeries(_ count: Int) {
        ids.reserveCapacity(count)
        keys.reserveCapacity(count)
        seriesStates.reserveCapacity(count)
        mayHaveAlerts.reserveCapacity(count)
    }

    /// The column of `stateKey`'s detector states, made when it is new.
    mutating func column(creating stateKey: String) -> Int {
        if let known = columnIndex[stateKey] { return known }
        columnIndex[stateKey] = columns.count
        columnKeys.append(stateKey)
        columns.append([DetectorState?](repeating: nil, count: keys.count))
        return columns.count - 1
    }

    /// Forgets the series numbered `count` and up, and the columns from `columnCount` on:
    /// what a file that did not commit had added.
    mutating func truncate(seriesCount count: Int, columnCount: Int) {
        for key in keys[count...] { ids[key] = nil }
        keys.removeSubrange(count...)
        seriesStates.removeSubrange(count...)
        mayHaveAlerts.removeSubrange(count...)
        for key in columnKeys[columnCount...] { columnIndex[key] = nil }
        columnKeys.removeSubrange(columnCount...)
        columns.removeSubrange(columnCount...)
        for column in columns.indices { columns[column].removeSubrange(count...) }
    }

    // MARK: - Alerts

    /// The alert of `key`, whose series is numbered `id`.
    func alert(_ key: AlertKey, series id: Int32) -> AlertState? {
        mayHaveAlerts[Int(id)] ? alerts[key] : nil
    }

    /// Sets or removes the alert of `key`.
    public mutating func setAlert(_ alert: AlertState?, for key: AlertKey) {
        if alert != nil { mayHaveAlerts[Int(id(creating: key.series))] = true }
        alerts[key] = alert
    }

    /// Changes the alert of `key` in place, if there is one.
    mutating func updateAlert(_ key: AlertKey, _ change: (inout AlertState) -> Void) {
        guard var alert = alerts[key] else { return }
        change(&alert)
        alerts[key] = alert
    }

    // MARK: - Tables by key

    /// Every series' bookkeeping by key; built on each call.
    public var series: [SeriesKey: SeriesState] {
        Dictionary(uniqueKeysWithValues: zip(keys, seriesStates))
    }

    /// Every stored detector state by series and state key; built on each call.
    public var detectors: [DetectorKey: DetectorState] {
        var table: [DetectorKey: DetectorState] = [:]
        for (column, stateKey) in columnKeys.enumerated() {
            for (id, state) in columns[column].enumerated() {
                guard let state else { continue }
                table[DetectorKey(series: keys[id], detector: stateKey)] = state
            }
        }
        return table
    }

    /// Sets one detector state of one series.
    public mutating func setDetector(_ state: DetectorState?, for key: DetectorKey) {
        let id = Int(id(creating: key.series))
        columns[column(creating: key.detector)][id] = state
    }

    /// The newest timestamp any series has reported.
    var newestTimestamp: Int64 {
        seriesStates.lazy.map(\.lastTimestamp).max() ?? .min
    }
}
