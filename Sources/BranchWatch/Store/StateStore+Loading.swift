// Loads the series and detector state at start-up, fast enough for a million series.

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
            state.setSeries(
                SeriesState(
                    count: Int(series.integer(2)), lastTimestamp: series.integer(3),
                    lastValue: series.real(4)),
                for: key)
        }
        let detectors = try database.prepare(
            "SELECT branch, metric, detector, state FROM detector_state")
        while try detectors.step() {
            let key = DetectorKey(
                series: SeriesKey(
                    branch: detectors.withTextBytes(0) { names.intern(Self.cString($0)) },
                    metric: detectors.withTextBytes(1) { names.intern(Self.cString($0)) }),
                detector: detectors.withTextBytes(2) { names.intern(Self.cString($0)) })
            let values = detectors.withBlobBytes(3) { StoredNumbers.decode($0) }
            if let restored = DetectorState.restore(stateKey: key.detector, values: values) {
                state.setDetector(restored, for: key)
            }
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
