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
    case sorted(samples: [Sample], problems: [RowProblem], missing: Int, batchRows: Int)

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
            samples: samples, problems: whole.problems, missing: whole.missing,
            batchRows: batchRows)
    }

    /// The next batch; throws `DropOutOfOrder` when a streamed file goes back in time.
    mutating func next() throws -> ParsedDrop? {
        switch self {
        case .streamed(let reader, var order):
            guard let batch = try reader.nextBatch() else { return nil }
            guard order.admit(batch.samples) else { throw DropOutOfOrder() }
            self = .streamed(reader, order: order)
            return batch
        case .sorted(let samples, let problems, let missing, let batchRows):
            guard !samples.isEmpty || !problems.isEmpty || missing > 0 else { return nil }
            var batch = ParsedDrop()
            batch.samples = Array(samples.prefix(batchRows))
            batch.problems = problems
            batch.missing = missing
            self = .sorted(
                samples: Array(samples.dropFirst(batchRows)), problems: [], missing: 0,
                batchRows: batchRows)
            return batch
        }
    }
}

/// The newest timestamp per series over the batches read so far.
struct FileOrder {
    private var newest: [SeriesKey: Int64] = [:]

    /// False when a sample of `batch` is older than its series' newest in earlier batches;
    /// otherwise takes the batch's timestamps in.
    mutating func admit(_ batch: [Sample]) -> Bool {
        for sample in batch {
            if let seen = newest[sample.seriesKey], sample.timestamp < seen { return false }
        }
        for sample in batch {
            newest[sample.seriesKey] = max(newest[sample.seriesKey] ?? .min, sample.timestamp)
        }
        return true
    }
}
