// What became of every row a backtest read: replayed, skipped, duplicate or conflicting.

/// The rows of a replay by fate, for its summary.
///
/// A replay sorts every row by time before scoring, so no row is late as in the daemon
/// (where a file older than what was applied is refused row by row); a row at a time its
/// series already has is a duplicate when its value is the same and a conflict when not.
/// The first value read is kept in both cases, as the daemon keeps the first applied.
public struct ReplayCounts: Sendable, Equatable {
    /// Rows read as samples.
    public var read: Int
    /// Rows that could not be read (bad timestamp, value or shape), reported one by one.
    public var skipped: Int
    /// Samples scored.
    public var replayed: Int
    /// Samples repeating a time and value already replayed for their series.
    public var duplicates: Int
    /// Samples restating a time already replayed for their series with another value.
    public var conflicts: Int
    /// Samples older than their series' last replayed time.
    public var late: Int

    public init(_ evaluation: Evaluation, read: Int, skipped: Int) {
        self.read = read
        self.skipped = skipped
        replayed = evaluation.applied
        conflicts = evaluation.conflicts
        // Rows are sorted by time first, so every refused row is at its series' last time.
        late = max(0, read - evaluation.applied - evaluation.late)
        duplicates = evaluation.late - evaluation.conflicts
    }

    /// `replayed 9861 of 9870 rows: 3 skipped, 4 duplicates, 2 conflicts (first value kept), 0 late`.
    public var line: String {
        "replayed \(replayed) of \(read + skipped) rows: \(skipped) skipped, "
            + "\(duplicates) duplicate\(duplicates == 1 ? "" : "s"), "
            + "\(conflicts) conflict\(conflicts == 1 ? "" : "s") (first value kept), \(late) late"
    }
}
