// Counts with the right noun form for status lines and summaries: 1 file, 2 files.

/// English plurals of the nouns branchwatch counts.
public enum Plural {
    /// `1 file`, `3 files`, `0 branches`; nouns ending in s, x, ch or sh take -es.
    public static func count(_ number: Int, _ noun: String) -> String {
        guard number != 1 else { return "1 \(noun)" }
        let sibilant = ["s", "x", "ch", "sh"].contains { noun.hasSuffix($0) }
        return "\(number) \(noun)\(sibilant ? "es" : "s")"
    }
}
