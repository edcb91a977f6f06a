// Reads and writes branchwatch's durable state: series, detectors, alerts, ledger, outbox.

/// Everything the engine keeps between files, as loaded at start-up.
public struct EngineState: Sendable {
    public var series: [SeriesKey: SeriesState] = [:]
    public var detectors: [DetectorKey: DetectorState] = [:]
    public var alerts: [AlertKey: AlertState] = [:]

    public init() {}

    /// Takes `changes` over this state: their entries replace these.
    mutating func absorb(_ changes: EngineState) {
        Self.absorb(changes.series, into: &series)
        Self.absorb(changes.detectors, into: &detectors)
        Self.absorb(changes.alerts, into: &alerts)
    }

    /// An empty table takes the other one as it is, sharing its storage, rather than
    /// rehashing every entry into itself: the first batch, and a file of one batch.
    private static func absorb<Key, Value>(
        _ changes: [Key: Value], into table: inout [Key: Value]
    ) {
        if table.isEmpty {
            table = changes
        } else {
            table.merge(changes) { _, new in new }
        }
    }
}

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
            state.alerts[key] = AlertState(
                phase: phase, consecutive: Int(alerts.integer(4)), firingSince: alerts.integer(5))
        }
        try loadAlertTiming(into: &state)
        return state
    }

    /// Writes the given states; call inside a transaction.
    public func save(_ changes: EngineState) throws(StoreError) {
        let series = try database.prepare(
            "INSERT OR REPLACE INTO series (branch, metric, sample_count, last_timestamp, last_value) "
                + "VALUES (?, ?, ?, ?, ?)")
        // In key order: the tables are keyed by branch and metric, and rows written in
        // that order fill pages one after another instead of touching a random page per
        // row, which with a million series spills SQLite's cache to disk over and over.
        for (key, value) in changes.series.sorted(by: { $0.key < $1.key }) {
            try series.run([
                .text(key.branch), .text(key.metric), .integer(Int64(value.count)),
                .integer(value.lastTimestamp), .real(value.lastValue),
            ])
        }
        let detectors = try database.prepare(
            "INSERT OR REPLACE INTO detector_state (branch, metric, detector, state) VALUES (?, ?, ?, ?)"
        )
        for (key, value) in changes.detectors.sorted(by: { $0.key < $1.key }) {
            let blob = StoredNumbers.encode(value.storedValues)
            try detectors.run([
                .text(key.series.branch), .text(key.series.metric), .text(key.detector),
                .blob(blob),
            ])
        }
        let alerts = try database.prepare(
            "INSERT OR REPLACE INTO alert_state (rule, branch, metric, phase, consecutive, firing_since) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
        for (key, value) in changes.alerts {
            try alerts.run([
                .text(key.rule), .text(key.series.branch), .text(key.series.metric),
                .text(value.phase.rawValue),
                .integer(Int64(value.consecutive)), .integer(value.firingSince),
            ])
        }
        try saveAlertTiming(changes.alerts)
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
