// The counts of one drop file, for the ledger, the log and the `.error` file.

/// What reading and applying one drop file came to.
public struct DropTally: Sendable, Equatable {
    public var format: DropFormat?
    public var encoding = ""
    /// Samples read from good rows, whether or not they were then applied.
    public var samplesRead = 0
    /// Samples that changed the statistics.
    public var applied = 0
    /// Rows (or cells of wide rows) that could not be read.
    public var problems = 0
    /// Cells with no value (`-`, `N/A`, empty): skipped, never read as zero.
    public var missing = 0
    /// Samples older than their series' last one: not applied.
    public var late = 0
    /// Late samples at the same instant as the last one, with another value.
    public var conflicts = 0
    public var events = 0

    public init() {}

    /// One line for a `.error` file or a log: what was applied and what was skipped.
    public var summary: String {
        "applied \(applied) samples; skipped \(problems) unreadable rows or cells, "
            + "\(missing) empty cells and \(late) late samples (\(conflicts) conflicting)"
    }
}
