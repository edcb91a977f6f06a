// A drop's batches in time order per series, whatever order the file's rows are in.

/// A file whose rows go back in time across batches: some series has a sample older than
/// one of an earlier batch. The file is read again and sorted before it is applied.
struct DropOutOfOrder: Error {}

/// Hands out a drop's batches, so that no sample comes after a newer one of its series
/// from an earlier batch — the order no longer depends on `batch_rows`.
///
/// A file is first streamed as it is (one pass, bounded memory) while `FileOrder` checks
/// each batch against the batches before it. When a series goes back in time, the caller
/// starts over with `sorted`, which holds the whole file's samples (up to
/// `inbox.max_sort_rows`) and hands them out by time.
///
/// Limitation: a file out of order across batches is held whole in memory, up to
/// `inbox.max_sort_rows` samples; a larger one is rejected, asking for a sorted export —
/// an external merge sort would lift the cap at the cost of temporary files.
enum DropBatches {
    case streamed(DropReader, order: FileOrder)
    /// `samples[handedOut...]` are still to come; the array itself is never copied.
    case sorted(
        samples: [Sample], handedOut: Int, problems: [RowProblem], missing: Int, batchRows: Int)

    /// Reads all of `reader` and sorts its samples by time (stable, so file order holds
    /// among equal times); throws when the file holds more than `limit` samples.
    static func sorting(_ reader: DropReader, batchRows: Int, limit: Int) throws -> DropBatches {
        var whole = ParsedDrop()
        while let batch = try reader.nextBatch() {
            whole.samples += batch.samples
            whole.problems += batch.problems
            whole.missing += batch.missing
            if whole.samples.count > limit {
                throw DropRejection(
                    reason: "\(reader.file):1:1: the rows are not in time order and the file "
                        + "holds more than \(limit) samples (inbox.max_sort_rows); export it "
                        + "sorted by time, split it, or raise inbox.max_sort_rows")
            }
        }
        let samples = whole.samples.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }.map(\.element)
        return .sorted(
            samples: samples, handedOut: 0, problems: whole.problems, missing: whole.missing,
            batchRows: batchRows)
    }

    /// The next batch; throws `DropOutOfOrder` when a streamed file goes back in time.
    mutating func next() throws -> ParsedDrop? {
        switch self {
        case .streamed(let reader, let order):
            guard let batch = try reader.nextBatch() else { return nil }
            guard order.admit(batch.samples, isLast: reader.isAtEnd) else {
                throw DropOutOfOrder()
            }
            return batch
        case .sorted(let samples, let handedOut, let problems, let missing, let batchRows):
            guard handedOut < samples.count || !problems.isEmpty || missing > 0 else {
                return nil
            }
            // Each batch copies its own samples out once; the rest stay where they are, where
            // cutting them off the front would copy them again for every batch.
            let end = min(samples.count, handedOut + max(1, batchRows))
            var batch = ParsedDrop()
            batch.samples = Array(samples[handedOut..<end])
            batch.problems = problems
            batch.missing = missing
            self = .sorted(
                samples: samples, handedOut: end, problems: [], missing: 0,
                batchRows: batchRows)
            return batch
        }
    }
}

/// The newest timestamp per series over the batches read so far.
///
/// A class, so that handing it back into `DropBatches` after each batch does not copy its
/// table (a copy per batch of an entry per series the file has touched).
final class FileOrder {
    /// A series' newest timestamp before the batch being checked, and so far.
    private struct Seen {
        var before: Int64 = .min
        var newest: Int64 = .min
        /// The batch that last touched the series; `before` is as of that batch's start.
        var batch = 0
    }

    private var seen: [SeriesKey: Seen] = [:]
    private var batches = 0
    /// The newest timestamp of the batches taken in so far, over all series.
    private var newest: Int64 = .min

    /// False when a sample of `batch` is older than its series' newest in earlier batches;
    /// otherwise takes the batch's timestamps in. After false, drop this order: the batch
    /// may be partly taken in. `isLast` says no batch follows, so the batch is only
    /// checked: a file of one batch costs nothing here.
    func admit(_ batch: [Sample], isLast: Bool = false) -> Bool {
        if isLast { return isInOrder(batch) }
        batches += 1
        let current = batches
        // The first batch touches most of the series a file has: one table of that size.
        if seen.isEmpty { seen.reserveCapacity(batch.count) }
        for sample in batch {
            // One probe per sample: the entry is read and updated in place.
            let key = sample.seriesKey
            guard Self.take(sample.timestamp, batch: current, into: &seen[key, default: Seen()])
            else { return false }
            newest = max(newest, sample.timestamp)
        }
        return true
    }

    /// Whether no sample of `batch` is older than its series' newest in the batches taken
    /// in; a sample at or after the newest of them all needs no look-up, which in a file
    /// written in time order is every sample.
    private func isInOrder(_ batch: [Sample]) -> Bool {
        for sample in batch where sample.timestamp < newest {
            if let entry = seen[sample.seriesKey], sample.timestamp < entry.newest {
                return false
            }
        }
        return true
    }

    private static func take(_ timestamp: Int64, batch: Int, into entry: inout Seen) -> Bool {
        if entry.batch != batch {
            entry.before = entry.newest
            entry.batch = batch
        }
        entry.newest = max(entry.newest, timestamp)
        return timestamp >= entry.before
    }
}
