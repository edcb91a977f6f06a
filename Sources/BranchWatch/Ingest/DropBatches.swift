// A drop's batches in time order per series, whatever order the file's rows are in.

/// Hands out a drop's batches, so that no sample comes after a newer one of its series
/// from an earlier batch — the order no longer depends on `batch_rows`.
///
/// A file is first streamed as it is (one pass, bounded memory) while the evaluator checks
/// each series against the batches before it (`Evaluation.wentBackInTime`). When a series
/// goes back in time, the caller starts over with `sorted`, which holds the whole file's
/// samples (up to `inbox.max_sort_rows`) and hands them out by time.
///
/// Limitation: a file out of order across batches is held whole in memory, up to
/// `inbox.max_sort_rows` samples; a larger one is rejected, asking for a sorted export —
/// an external merge sort would lift the cap at the cost of temporary files.
enum DropBatches {
    case streamed(DropReader)
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

    /// The next batch.
    mutating func next() throws -> ParsedDrop? {
        switch self {
        case .streamed(let reader):
            return try reader.nextBatch()
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
