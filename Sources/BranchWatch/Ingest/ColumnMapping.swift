// What each column of a drop means, after the inbox's own names for its columns are applied.

/// How column names are compared: trimmed, full-width folded and lowercased.
enum ColumnName {
    static func key(_ name: Substring) -> String {
        FullWidth.folded(String(name)).trimmed.lowercased()
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
