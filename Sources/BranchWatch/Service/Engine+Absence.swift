// The daemon's wall-clock check of `absent` rules: a feed that stopped everywhere still alerts.

extension Engine {
    /// Seconds between wall-clock checks of `absent` rules in the running daemon.
    public static let absenceCheckInterval: Double = 300

    /// True when some rule uses the `absent` detector, so the daemon should check the
    /// wall clock now and then.
    public var watchesAbsence: Bool { evaluator.watchesAbsence }

    /// Judges `absent` rules at `now` (`Evaluator.checkAbsence`) and commits what changed,
    /// queueing any alert; returns the number of alert events.
    @discardableResult
    public func checkAbsence(now: Double) -> Int {
        guard evaluator.watchesAbsence else { return 0 }
        let evaluation = evaluator.checkAbsence(at: Int64(now), base: state)
        guard !evaluation.events.isEmpty || !evaluation.changes.alerts.isEmpty else { return 0 }
        var muted: [MutedEvent] = []
        do {
            try store.database.transaction {
                try store.save(evaluation.changes)
                let plan = planner.plan(
                    evaluation.events, silences: try store.silences(since: now)
                ) { [state] key in
                    (evaluation.changes.alerts[key] ?? state.alerts[key])?.phase == .firing
                }
                for message in plan.messages { try enqueue(message) }
                muted = plan.muted
            }
        } catch {
            logger.error("wall-clock silence check failed", ["error.message": "\(error)"])
            return 0
        }
        merge(evaluation.changes)
        record(evaluation.events)
        logMuted(muted)
        if !evaluation.events.isEmpty {
            logger.info(
                "silent feeds judged on the wall clock", ["events": "\(evaluation.events.count)"])
        }
        return evaluation.events.count
    }
}
