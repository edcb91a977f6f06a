// Detector states of every kind survive the database, and old EWMA rows still load.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct DetectorStateStoreTests {
    @Test func everyKindOfStateRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.sqlite"
        let series = SeriesKey(branch: "store-1", metric: "sales")
        var changes = EngineState()
        let states: [(String, DetectorState)] = [
            ("ewma:alpha=0.1", .ewma(EWMAState(count: 3, mean: 2, variance: 1.5))),
            (
                "seasonal:by=weekday:alpha=0.2",
                .slotted(SlottedBaseline(slots: [EWMAState(count: 1, mean: 4, variance: 0)]))
            ),
            ("robust:window=5", .window(RobustWindow(values: [1, 2, 3.5]))),
            (
                "cusum:by=none",
                CUSUMDetector().updated(nil, with: Observation(value: 5, localTime: 0))
            ),
            ("peer:by=weekday", PeerState().boxed),
        ]
        for (key, state) in states {
            changes.setDetector(state, for: DetectorKey(series: series, detector: key))
        }
        do {
            let store = try StateStore(path: path)
            try store.database.transaction { try store.save(changes) }
        }
        let loaded = try StateStore(path: path).loadState()
        for (key, state) in states {
            #expect(loaded.detectors[DetectorKey(series: series, detector: key)] == state, "\(key)")
        }
    }

    @Test func rowWrittenByTheFirstReleaseLoadsAsEWMA() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.sqlite"
        do {
            let store = try StateStore(path: path)
            // Three little-endian doubles: count 14, mean 1234.5, variance 400, as the first
            // release stored an EWMA state.
            var blob: [UInt8] = []
            for value in [14.0, 1234.5, 400.0] {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { blob.append(contentsOf: $0) }
            }
            try store.database.prepare(
                "INSERT INTO detector_state (branch, metric, detector, state) VALUES (?, ?, ?, ?)"
            ).run([.text("store-1"), .text("sales"), .text("ewma:alpha=0.1"), .blob(blob)])
        }
        let loaded = try StateStore(path: path).loadState()
        let key = DetectorKey(
            series: SeriesKey(branch: "store-1", metric: "sales"), detector: "ewma:alpha=0.1")
        #expect(loaded.detectors[key] == .ewma(EWMAState(count: 14, mean: 1234.5, variance: 400)))
    }
}
