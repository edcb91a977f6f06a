// What each column of a drop means, after the inbox's own names for its columns are applied.

/// How column names are compared: trimmed, full-width folded and lowercased.
enum ColumnName {
    static func key(_ name: Substring) -> String {
        FullWidth.folded(String(name)).trimmed.lowercased()
    }

    /// The metric a wide header or a long row's metric cell names: trimmed, lowercased,
    /// and each run of inner blanks made one `_`, so `Sales` and ` Net sales` meet the rules
    /// written for `sales` and `net_sales`.
    static func metric(_ name: String) -> String {
        name.trimmed.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(
            separator: "_")
    }
}

/// The part a column plays in a drop.
enum ColumnRole: Hashable {
    case timestamp, branch, metric, value, ignore
    /// A metric (in a wide drop) or a label (in a long one, or when listed under `labels`).
    case named(String)
}

/// The inbox's column settings: `columns` renames an export's headers, `labels` keeps
/// some of a wide drop's columns as labels.
struct ColumnMapping {
    let renames: [String: String]
    let labelColumns: Set<String>

    init(_ settings: IngestSettings) {
        renames = settings.columns
        labelColumns = settings.labelColumns
    }

    /// True when `inbox.columns` names this header, so its name is kept as written there.
    func isRenamed(_ header: Substring) -> Bool {
        renames[ColumnName.key(header)] != nil
    }

    /// True when a column going by `name` is listed under `inbox.labels`, as written or in
    /// its metric spelling.
    func isLabel(_ name: String) -> Bool {
        labelColumns.contains(name) || labelColumns.contains(ColumnName.metric(name))
    }

    /// The role of a column headed `header`, and the name it goes by.
    func role(of header: Substring) -> ColumnRole {
        let renamed = renames[ColumnName.key(header)] ?? header.trimmed
        switch ColumnName.key(renamed[...]) {
        case "timestamp", "date": return .timestamp
        case "branch": return .branch
        case "metric": return .metric
        case "value": return .value
        case "ignore": return .ignore
        default: return .named(renamed)
        }
    }
}
