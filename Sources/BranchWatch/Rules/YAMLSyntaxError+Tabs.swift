// Says "replace tabs with spaces" when a YAML error sits on a line indented with a tab.

extension YAMLSyntaxError {
    /// This error, with a hint added when its line holds a tab before the error's column:
    /// YAML indents with spaces only, and libyaml's own message does not say so.
    func withTabHint(_ bytes: [UInt8]) -> YAMLSyntaxError {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return self }
        let line = lines[lines.startIndex + mark.line - 1]
        guard line.prefix(mark.column).contains(UInt8(ascii: "\t")) else { return self }
        var hinted = self
        hinted.problem +=
            "; this line has a tab: replace tabs with spaces (YAML indents with "
            + "spaces only)"
        return hinted
    }
}
