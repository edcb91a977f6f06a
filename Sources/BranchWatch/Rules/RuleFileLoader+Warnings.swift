// Likely mistakes in a rule that still loads: reported as warnings with their place.

extension RuleFileLoader {
    /// Warns about each percent-valued score under `key` compared with a plain number
    /// that looks like a percentage without its `%`.
    func warnAboutPercentages(_ rule: MappingReader, key: String) {
        guard let (text, mark) = rule.string(key) else { return }
        for item in PercentComparison.warnings(in: text) {
            let (place, note) = RuleFileLoader.position(of: item.column, in: text, at: mark)
            rule.warn(place, "in \"\(key)\": \(item.message)\(note)")
        }
    }
}

extension RuleFileLoader {
    /// Warns about a metric spelled as no drop delivers it: drops' metric names are
    /// trimmed, lowercased and get `_` for inner spaces (`ColumnName.metric`), so a rule on
    /// `Sales` would never see a value. Names mapped under `inbox.columns` keep their
    /// spelling, so this is a warning, not an error.
    func warnAboutMetricSpelling(_ rule: MappingReader) {
        for (name, mark) in rule.names("metric", required: false) {
            let spelled = ColumnName.metric(name)
            guard spelled != name else { continue }
            rule.warn(
                mark,
                "metric \"\(name)\" reads as \"\(spelled)\" in drop files (names are "
                    + "lowercased, spaces become _); write \"\(spelled)\" unless "
                    + "inbox.columns maps a column to \"\(name)\"")
        }
    }
}
