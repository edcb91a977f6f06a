// Loads the series and detector state at start-up, fast enough for a million series.
import Glibc

extension StateStore {
    /// Reads series and detector rows into `state`, sized up front, with branch and metric
    /// names shared between rows rather than one copy per row and table.
    func loadSeriesAndDetectors(into state: inout EngineState) throws(StoreError) {
        var names = InternedNames()
        state.reserveSeries(try rowCount("series"))
        let series = try database.prepare(
            "SELECT branch, metric, sample_count, last_timestamp, last_value FROM series")
        while try series.step() {
            let key = SeriesKey(
                branch: series.withTextBytes(0) { names.intern(Self.cString($0)) },
                metric: series.withTextBytes(1) { names.intern(Self.cString($0)) })
            // The table's primary key makes each key unique: no look-up before adding.
            state.appendSeries(
                key,
                SeriesState(
                    count: Int(series.integer(2)), lastTimestamp: series.integer(3),
                    lastValue: series.real(4)))
        }
        let detectors = try database.prepare(
            "SELECT branch, metric, detector, state FROM detector_state")
        var id = 0
        var lastColumn: Int?
        var isEWMA = false
        while try detectors.step() {
            id = seriesID(of: detectors, near: id, in: &state, names: &names)
            let column = self.column(of: detectors, last: lastColumn, in: &state, names: &names)
            if column != lastColumn { isEWMA = state.columnKeys[column].hasPrefix("ewma:") }
            lastColumn = column
            let stateKey = state.columnKeys[column]
            let restored = detectors.withBlobBytes(3) { bytes -> DetectorState? in
                // Most rows are EWMA states: three numbers, read without an array.
                if isEWMA, let ewma = StoredNumbers.ewma(bytes) { return ewma }
                let values = StoredNumbers.decode(bytes)
                return DetectorState.restore(stateKey: stateKey, values: values)
            }
            if let restored { state.columns[column][id] = restored }
        }
    }

    /// The number of the series a detector row names. Both tables are read in key order,
    /// so it is mostly the series of the row before, or the one after it; those two are
    /// compared byte for byte before any string is made or hashed.
    private func seriesID(
        of row: Statement, near last: Int, in state: inout EngineState,
        names: inout InternedNames
    ) -> Int {
        for candidate in last...(last + 1) where candidate < state.seriesCount {
            let key = state.keys[candidate]
            let same =
                row.withTextBytes(0) { Self.equal(key.branch, Self.cString($0)) }
                && row.withTextBytes(1) { Self.equal(key.metric, Self.cString($0)) }
            if same { return candidate }
        }
        let key = SeriesKey(
            branch: row.withTextBytes(0) { names.intern(Self.cString($0)) },
            metric: row.withTextBytes(1) { names.intern(Self.cString($0)) })
        return Int(state.id(creating: key))
    }

    /// The column of the detector state key a row names: mostly the row before's.
    private func column(
        of row: Statement, last: Int?, in state: inout EngineState, names: inout InternedNames
    ) -> Int {
        if let last {
            let stateKey = state.columnKeys[last]
            if row.withTextBytes(2, { Self.equal(stateKey, Self.cString($0)) }) {
                return last
            }
        }
        return state.column(creating: row.withTextBytes(2) { names.intern(Self.cString($0)) })
    }

    /// True when `string` is exactly `bytes`; a memory compare, where comparing the views
    /// element by element cost a tenth of a start-up.
    private static func equal(_ string: String, _ bytes: Slice<UnsafeBufferPointer<UInt8>>)
        -> Bool
    {
        var string = string
        return string.withUTF8 { own in
            guard own.count == bytes.count else { return false }
            guard let mine = own.baseAddress, let theirs = bytes.base.baseAddress else {
                return own.isEmpty
            }
            return memcmp(mine, theirs + bytes.startIndex, own.count) == 0
        }
    }

    /// The bytes up to the first NUL, as `String(cString:)` reads a text column.
    private static func cString(_ bytes: UnsafeBufferPointer<UInt8>)
        -> Slice<UnsafeBufferPointer<UInt8>>
    {
        bytes[..<(bytes.firstIndex(of: 0) ?? bytes.endIndex)]
    }

    private func rowCount(_ table: String) throws(StoreError) -> Int {
        let query = try database.prepare("SELECT count(*) FROM \(table)")
        _ = try query.step()
        return Int(query.integer(0))
    }
}

extension SeriesKey: Comparable {
    /// Branch, then metric: the order of the state tables' primary keys.
    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        (lhs.branch, lhs.metric) < (rhs.branch, rhs.metric)
    }
}

extension DetectorKey: Comparable {
    /// Series, then detector: the order of `detector_state`'s primary key.
    public static func < (lhs: DetectorKey, rhs: DetectorKey) -> Bool {
        (lhs.series, lhs.detector) < (rhs.series, rhs.detector)
    }
}
