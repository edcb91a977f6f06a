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
