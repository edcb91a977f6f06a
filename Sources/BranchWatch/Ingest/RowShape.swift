// Long or wide: which column holds what, decided once from a header (or a JSON object's keys).

/// Where a row's timestamp, branch, metrics, values and labels are.
struct RowShape {
    enum Kind {
        /// One sample per row: `timestamp,branch,metric,value[,label…]`.
        case long(metric: Int, value: Int)
        /// One sample per metric column: `timestamp,branch,<metric>,<metric>…`.
        case wide(metrics: [(index: Int, name: String)])
    }

    var timestamp: Int
    var branch: Int
    var kind: Kind
    var labels: [(index: Int, name: String)]
    /// How many fields a row needs so that every column above is present.
    var width: Int
    /// How many columns the header has; a row with more fields than this is refused.
    var columnCount: Int

    var isWide: Bool {
        if case .wide = kind { return true }
        return false
    }

    /// Why a header cannot be read as either shape.
    enum Problem: Error, Equatable {
        case missing(String)
        case duplicate(name: String, first: Int, second: Int)
        case noMetrics
    }

    /// The shape of rows under `names`; a header with `metric` and `value` is long, else wide.
    static func make(_ names: [Substring], mapping: ColumnMapping) throws(Problem) -> RowShape {
        var roles: [ColumnRole: Int] = [:]
        var named: [(index: Int, name: String)] = []
        var seenNames: [String: Int] = [:]
        for (index, header) in names.enumerated() {
            let role = mapping.role(of: header)
            switch role {
            case .ignore:
                continue
            case .named(let name):
                if let first = seenNames[name] {
                    throw .duplicate(name: name, first: first + 1, second: index + 1)
                }
                seenNames[name] = index
                named.append((index, name))
            default:
                if let first = roles[role] {
                    throw .duplicate(name: "\(role)", first: first + 1, second: index + 1)
                }
                roles[role] = index
            }
        }
        guard let timestamp = roles[.timestamp] else { throw .missing("timestamp") }
        guard let branch = roles[.branch] else { throw .missing("branch") }
        let kind: Kind
        var labels = named
        switch (roles[.metric], roles[.value]) {
        case (let metric?, let value?):
            kind = .long(metric: metric, value: value)
        case (nil, nil):
            let metrics = try metricColumns(
                named.filter { !mapping.isLabel($0.name) }, names: names, mapping: mapping)
            guard !metrics.isEmpty else { throw .noMetrics }
            labels = named.filter { mapping.isLabel($0.name) }
            kind = .wide(metrics: metrics)
        case (nil, _):
            throw .missing("metric")
        case (_, nil):
            throw .missing("value")
        }
        let used = [timestamp, branch] + named.map(\.index) + [roles[.metric], roles[.value]]
        let width = (used.compactMap { $0 }.max() ?? 0) + 1
        return RowShape(
            timestamp: timestamp, branch: branch, kind: kind, labels: labels, width: width,
            columnCount: names.count)
    }

    /// Wide metric columns under their metric names; a name `inbox.columns` gives is kept
    /// as it is written there.
    private static func metricColumns(
        _ columns: [(index: Int, name: String)], names: [Substring], mapping: ColumnMapping
    ) throws(Problem) -> [(index: Int, name: String)] {
        var seen: [String: Int] = [:]
        var metrics: [(index: Int, name: String)] = []
        for (index, name) in columns {
            let metric = mapping.isRenamed(names[index]) ? name : ColumnName.metric(name)
            if let first = seen[metric] {
                throw .duplicate(name: metric, first: first + 1, second: index + 1)
            }
            seen[metric] = index
            metrics.append((index, metric))
        }
        return metrics
    }
}
