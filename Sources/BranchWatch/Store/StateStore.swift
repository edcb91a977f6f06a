// Reads and writes branchwatch's durable state: series, detectors, alerts, ledger, outbox.

/// A message waiting in the outbox for one notifier.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var eventKey: String
    public var notifier: String
    public var orderKey: String
    public var payload: String
    public var attempts: Int
    public var nextAttemptAt: Double
    /// When the event was queued, in epoch seconds.
    public var createdAt: Double = 0
    /// Why the last attempt failed; empty before the first failure.
    public var lastError: String = ""
}

/// The state database. Owned by one thread; every write happens inside `Database.transaction`.
public final class StateStore {
    public let database: Database

    /// Opens the database at `path`, creating the schema when it is new.
    public init(path: String) throws(StoreError) {
        database = try Database(path: path)
        for statement in Schema.statements {
            try database.execute(statement)
        }
        try checkVersion()
    }

    private func checkVersion() throws(StoreError) {
        let read = try database.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        guard try read.step() else {
            try database.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)")
                .run([.text("\(Schema.version)")])
            return
        }
        let found = read.text(0)
        guard found == "\(Schema.version)" else {
            let message =
                "state schema version \(found) is newer than this program's \(Schema.version); "
                + "upgrade branchwatch"
            throw StoreError(call: "open", code: 0, message: message, path: database.path)
        }
    }

    // MARK: - Engine state

    /// Loads every series, detector and alert state.
    public func loadState() throws(StoreError) -> EngineState {
        var state = EngineState()
        try loadSeriesAndDetectors(into: &state)
        let alerts = try database.prepare(
            "SELECT rule, branch, metric, phase, consecutive, firing_since FROM alert_state")
        while try alerts.step() {
            let phase = AlertState.Phase(rawValue: alerts.text(3)) ?? .inactive
            let key = AlertKey(
                rule: alerts.text(0),
                series: SeriesKey(branch: alerts.text(1), metric: alerts.text(2)))
            state.setAlert(
                AlertState(
                    phase: phase, consecutive: Int(alerts.integer(4)),
                    firingSince: alerts.integer(5)),
                for: key)
        }
        try loadAlertTiming(into: &state)
        return state
    }

    /// Writes what `journal` says changed in `state`, or with no journal every series and
    /// alert; call inside a transaction.
    public func save(_ state: EngineState, journal: StateJournal? = nil) throws(StoreError) {
        let touched = journal?.touched ?? (0..<Int32(state.seriesCount)).map { $0 }
        // In key order: the tables are keyed by branch and metric, and rows written in
        // that order fill pages one after another instead of touching a random page per
        // row, which with a million series spills SQLite's cache to disk over and over.
        let ordered = touched.sorted { state.keys[Int($0)] < state.keys[Int($1)] }
        let series = try database.prepare(
            "INSERT OR REPLACE INTO series (branch, metric, sample_count, last_timestamp, last_value) "
                + "VALUES (?, ?, ?, ?, ?)")
        for id in ordered {
            let key = state.keys[Int(id)]
            let value = state.seriesStates[Int(id)]
            try series.run([
                .text(key.branch), .text(key.metric), .integer(Int64(value.count)),
                .integer(value.lastTimestamp), .real(value.lastValue),
            ])
        }
        try saveDetectors(state, ids: ordered)
        let changedAlerts = journal.map { Array($0.alertsBefore.keys) } ?? Array(state.alerts.keys)
        let alerts = try database.prepare(
            "INSERT OR REPLACE INTO alert_state (rule, branch, metric, phase, consecutive, firing_since) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
        var written: [AlertKey: AlertState] = [:]
        for key in changedAlerts {
            guard let value = state.alerts[key] else { continue }
            written[key] = value
            try alerts.run([
                .text(key.rule), .text(key.series.branch), .text(key.series.metric),
                .text(value.phase.rawValue),
                .integer(Int64(value.consecutive)), .integer(value.firingSince),
            ])
        }
        try saveAlertTiming(written)
    }

    /// Writes every detector state of the series `ids`, in the order given.
    private func saveDetectors(_ state: EngineState, ids: [Int32]) throws(StoreError) {
        let detectors = try database.prepare(
            "INSERT OR REPLACE INTO detector_state (branch, metric, detector, state) VALUES (?, ?, ?, ?)"
        )
        let columns = state.columnKeys.indices.sorted {
            state.columnKeys[$0] < state.columnKeys[$1]
        }
        for id in ids {
            let key = state.keys[Int(id)]
            for column in columns {
                guard let value = state.columns[column][Int(id)] else { continue }
                let blob = StoredNumbers.encode(value.storedValues)
                try detectors.run([
                    .text(key.branch), .text(key.metric), .text(state.columnKeys[column]),
                    .blob(blob),
                ])
            }
        }
    }

    // MARK: - Ledger of applied files

    /// True when a file with this content digest was already applied.
    public func isApplied(digest: String) throws(StoreError) -> Bool {
        let query = try database.prepare("SELECT 1 FROM applied_files WHERE digest = ?")
        try query.bind([.text(digest)])
        return try query.step()
    }

    /// Records a file as applied; call inside the transaction that applies it.
    public func recordApplied(digest: String, name: String, samples: Int, skipped: Int, late: Int)
        throws(StoreError)
    {
        try database.prepare(
            "INSERT INTO applied_files (digest, name, applied_at, samples, skipped, late) VALUES (?, ?, ?, ?, ?, ?)"
        ).run([
            .text(digest), .text(name), .real(WallClock.now()),
            .integer(Int64(samples)), .integer(Int64(skipped)), .integer(Int64(late)),
        ])
    }

    public func appliedFileCount() throws(StoreError) -> Int {
        let query = try database.prepare("SELECT count(*) FROM applied_files")
        _ = try query.step()
        return Int(query.integer(0))
    }
}

/// Packs detector state numbers into a blob of little-endian doubles.
enum StoredNumbers {
    static func encode(_ values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// An EWMA state straight from a column's bytes: three numbers, count first; nil for
    /// bytes of another size or a count that is not a whole number.
    static func ewma(_ raw: UnsafeRawBufferPointer) -> DetectorState? {
        guard raw.count == 24 else { return nil }
        func number(_ index: Int) -> Double {
            Double(
                bitPattern: UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
        guard let count = Int(exactly: number(0)) else { return nil }
        return .ewma(EWMAState(count: count, mean: number(1), variance: number(2)))
    }

    /// `decode` straight from a column's bytes, with one allocation for the result.
    static func decode(_ raw: UnsafeRawBufferPointer) -> [Double] {
        (0..<raw.count / 8).map { index in
            Double(
                bitPattern: UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
    }

    static func decode(_ bytes: [UInt8]) -> [Double] {
        stride(from: 0, to: bytes.count - bytes.count % 8, by: 8).map { start in
            var pattern: UInt64 = 0
            for offset in 0..<8 {
                pattern |= UInt64(bytes[start + offset]) << (8 * UInt64(offset))
            }
            return Double(bitPattern: pattern)
        }
    }
}
