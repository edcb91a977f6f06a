// Applies one claimed drop file: scan, read in batches, and commit it in one transaction.

/// A file none of whose rows could be read; rolls its transaction back.
struct DropRejection: Error {
    var reason: String
}

/// A file whose rows go back in time across batches: some series has a sample older than
/// one of an earlier batch. The file is read again and sorted before it is applied.
struct DropOutOfOrder: Error {}

extension Engine {
    /// Applies one file in `processing/`; returns what happened and, when it was read, its
    /// counts. Never throws: every failure is an outcome.
    func apply(claimed name: String) -> (FileOutcome, DropTally?) {
        let path = Path.join(inbox.processingPath, name)
        let settings = config.ingest
        let scan: DropScan
        do {
            let chunks = ByteChunks.file(
                try ChunkedFile(path: path), chunkSize: settings.readChunkBytes)
            scan = try DropScan.scan(chunks, checkUTF8: settings.encoding == .auto)
        } catch {
            return (.failed(reason: "\(error)"), nil)
        }
        var tally = DropTally()
        tally.encoding = scan.encodingName(settings.encoding)
        do {
            if try store.isApplied(digest: scan.digest) { return (.duplicate, nil) }
            try scan.checkText(file: name, declared: settings.encoding)
            let outcome = try readAndCommit(
                path: path, name: name, digest: scan.digest,
                knownUTF8: scan.provesUTF8(settings.encoding), &tally)
            return (outcome, tally)
        } catch let error as DropFileError {
            return (.rejected(reason: error.description + "\nnothing was applied"), tally)
        } catch let rejection as DropRejection {
            return (.rejected(reason: rejection.reason + "\n" + tally.summary), tally)
        } catch {
            return (.failed(reason: "\(error)"), tally)
        }
    }

    /// Streams the file; when its rows go back in time across batches, reads it again
    /// sorted by time (see `DropBatches`).
    private func readAndCommit(
        path: String, name: String, digest: String, knownUTF8: Bool, _ tally: inout DropTally
    ) throws -> FileOutcome {
        let settings = config.ingest
        let reader = try DropReader(
            path: path, file: name, encoding: tally.encoding, settings: settings,
            isKnownUTF8: knownUTF8)
        tally.format = reader.format
        let start = tally
        do {
            return try commit(
                .streamed(reader), name: name, digest: digest, tally: &tally)
        } catch is DropOutOfOrder {
            logger.info("rows out of time order across batches, sorting the file", ["file": name])
            tally = start
            // The first attempt's report is out of date; the second writes its own.
            try? FileSystem.remove(inbox.rowsDraftPath(name))
            let again = try DropReader(
                path: path, file: name, encoding: tally.encoding, settings: settings,
                isKnownUTF8: knownUTF8)
            let sorted = try DropBatches.sorting(
                again, batchRows: settings.batchRows, limit: settings.maxSortRows)
            return try commit(sorted, name: name, digest: digest, tally: &tally)
        }
    }

    /// Reads `batches` one by one and writes the state, alert events and ledger entry
    /// of the whole file in one transaction. Unreadable rows go to the rows report.
    ///
    /// Each batch changes the in-memory state in place, on top of the batches before it;
    /// a journal notes what changed, so the commit writes only the series the file touched
    /// and a file that does not commit is undone.
    ///
    /// Samples come in time order per series across batches (`DropBatches` sees to it), so
    /// what is late does not depend on `batch_rows`.
    private func commit(
        _ batches: DropBatches, name: String, digest: String, tally: inout DropTally
    ) throws -> FileOutcome {
        var batches = batches
        let rows = RejectedRowsWriter(
            path: inbox.rowsDraftPath(name), file: name, limit: config.ingest.maxReportRows)
        defer { rows.close() }
        var counts = tally
        var journal = StateJournal(state)
        var observed = CommittedBatches()
        do {
            try store.database.transaction {
                while let batch = try batches.next() {
                    try applyBatch(
                        batch, journal: &journal, rows: rows, counts: &counts,
                        observed: &observed)
                    observer?.engine(
                        self, reading: name, rows: counts.samplesRead + counts.problems)
                }
                if counts.samplesRead == 0 && counts.problems > 0 {
                    throw DropRejection(reason: rejectionReason(rows.first, total: rows.count))
                }
                // Once per file, not per batch: every batch of a large file touches most of
                // its series again, and the rows written stay proportional to the series.
                try store.save(state, journal: journal)
                // The report is finished before the commit: a run killed after the commit
                // finds the file applied and only moves the report on, so it must already be
                // whole. A run killed before the commit reads the file again and writes anew.
                try rows.finish(outcome: counts.summary)
                try store.recordApplied(
                    digest: digest, name: name, samples: counts.applied,
                    skipped: counts.problems, late: counts.late)
            }
        } catch {
            tally = counts
            journal.undo(&state)
            if error is DropRejection {
                try? rows.finish(outcome: "the file was rejected: none of its rows were applied")
            }
            throw error
        }
        tally = counts
        record(observed.events)
        logMuted(observed.muted)
        observer?.engine(self, committed: observed.samples, events: observed.events)
        report(rows.first, total: rows.count)
        return .applied(
            samples: counts.applied, skipped: counts.problems, late: counts.late,
            events: counts.events)
    }

    /// Scores one batch on the current state, changing it in place, and writes its events;
    /// call inside the file's transaction.
    private func applyBatch(
        _ batch: ParsedDrop, journal: inout StateJournal, rows: RejectedRowsWriter,
        counts: inout DropTally, observed: inout CommittedBatches
    ) throws {
        try rows.record(batch.problems)
        counts.problems += batch.problems.count
        counts.missing += batch.missing
        counts.samplesRead += batch.samples.count
        let started = MonotonicClock.now()
        let evaluation = evaluator.evaluate(batch.samples, into: &state, journal: &journal)
        if evaluation.wentBackInTime { throw DropOutOfOrder() }
        if !batch.samples.isEmpty {
            metrics.observe(.evaluationSeconds, MonotonicClock.now() - started)
        }
        try rows.record(evaluation.refused)
        let plan = planner.plan(
            evaluation.events, silences: try store.silences(since: WallClock.now()),
            isFiring: { key in state.alerts[key]?.phase == .firing },
            wasMuted: { key in evaluation.wasMuted(key, after: state) })
        markMuted(plan.firingMuted, journal: &journal)
        observed.add(batch.samples, evaluation.events)
        for message in plan.messages { try enqueue(message) }
        observed.muted += plan.muted
        counts.applied += evaluation.applied
        counts.late += evaluation.late
        counts.conflicts += evaluation.conflicts
        counts.events += evaluation.events.count
    }

    /// Marks each still-firing alert as its firing's delivery left it: muted or not.
    func markMuted(_ firingMuted: [AlertKey: Bool], journal: inout StateJournal) {
        for (key, isMuted) in firingMuted {
            guard let alert = state.alerts[key], alert.phase == .firing,
                alert.isMuted != isMuted
            else { continue }
            journal.touchAlert(key, before: alert)
            state.updateAlert(key) { $0.isMuted = isMuted }
        }
    }

    /// Deletes files in `done/` past the configured retention, if there is one.
    func pruneDoneFiles() {
        guard let retention = config.ingest.doneRetention, retention > 0 else { return }
        claims.lastPrune = WallClock.now()
        do {
            let removed = try inbox.pruneDone(olderThan: retention, now: WallClock.now())
            if removed > 0 { logger.info("old done files deleted", ["count": "\(removed)"]) }
        } catch {
            logger.error("pruning done files failed", ["error.message": "\(error)"])
        }
    }
}

/// What a file's batches applied, kept until its transaction commits so the observer
/// hears only about committed work.
///
/// The observer keeps the last few values per series for charts, so only the newest
/// samples are kept: memory stays bounded however large the file is.
struct CommittedBatches {
    static let sampleLimit = 100_000
    private(set) var samples: [Sample] = []
    private(set) var events: [AlertEvent] = []
    /// Events a silence or an inhibiting alert kept from delivery, logged after commit.
    var muted: [MutedEvent] = []

    mutating func add(_ batch: [Sample], _ batchEvents: [AlertEvent]) {
        samples += batch
        if samples.count > CommittedBatches.sampleLimit {
            samples.removeFirst(samples.count - CommittedBatches.sampleLimit)
        }
        events += batchEvents
    }
}
