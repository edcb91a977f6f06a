// What one file changed in the engine state: the rows to write, and how to put it back.

/// Records the series and alerts a file touches while it is evaluated in place.
///
/// The engine state is changed sample by sample, with no copy of it: a copy of a million
/// series per file would cost more than the file. The journal keeps, for each series the
/// file touches first, its state before, so a file that does not commit can be undone;
/// and the list of touched series and alerts is what the commit writes to the database.
public struct StateJournal: Sendable {
    /// Series and columns the state had when the journal began; later ones are new.
    let seriesCount: Int
    let columnCount: Int
    /// Series touched, in first-touch order, new ones included.
    private(set) var touched: [Int32] = []
    private var isTouched: [Bool]
    /// The state of each touched older series before its first touch: its bookkeeping,
    /// and `columnCount` detector states per series in one flat array (an array per series
    /// would be an allocation per series).
    private var before: [(id: Int32, series: SeriesState)] = []
    private var detectorsBefore: [DetectorState?] = []
    /// Alerts changed, with their state before the first change (nil: there was none).
    private(set) var alertsBefore: [AlertKey: AlertState?] = [:]

    /// A journal of the changes to come to `state`.
    public init(_ state: EngineState) {
        seriesCount = state.seriesCount
        columnCount = state.columns.count
        isTouched = []
    }

    /// True when nothing was touched.
    public var isEmpty: Bool { touched.isEmpty && alertsBefore.isEmpty }

    /// True when series `id` changed since the journal began.
    func hasTouched(_ id: Int32) -> Bool {
        Int(id) < isTouched.count && isTouched[Int(id)]
    }

    /// Notes that series `id` is about to change; the first time, keeps its state.
    mutating func touch(_ id: Int32, in state: EngineState) {
        let index = Int(id)
        if index >= isTouched.count {
            // Grown in steps, not per series, and only as far as the file reaches.
            let size = max(index + 1, 2 * isTouched.count, 64)
            isTouched += repeatElement(false, count: size - isTouched.count)
        }
        guard !isTouched[index] else { return }
        isTouched[index] = true
        touched.append(id)
        guard index < seriesCount else { return }
        before.append((id, state.seriesStates[index]))
        for column in 0..<columnCount { detectorsBefore.append(state.columns[column][index]) }
    }

    /// Notes that the alert of `key` is about to change; the first time, keeps its state.
    mutating func touchAlert(_ key: AlertKey, before state: AlertState?) {
        if alertsBefore[key] == nil { alertsBefore[key] = .some(state) }
    }

    /// Puts `state` back as it was when the journal began.
    public func undo(_ state: inout EngineState) {
        for (position, entry) in before.enumerated() {
            let index = Int(entry.id)
            state.seriesStates[index] = entry.series
            for column in 0..<columnCount {
                state.columns[column][index] = detectorsBefore[position * columnCount + column]
            }
        }
        for (key, alert) in alertsBefore { state.setAlert(alert, for: key) }
        state.truncate(seriesCount: seriesCount, columnCount: columnCount)
    }
}
