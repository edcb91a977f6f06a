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
        var journal = StateJournal(state)
        let evaluation = evaluator.checkAbsence(at: Int64(now), into: &state, journal: &journal)
        guard !journal.isEmpty else { return 0 }
        var muted: [MutedEvent] = []
        do {
            try store.database.transaction {
                let plan = planner.plan(
                    evaluation.events, silences: try store.silences(since: now),
                    isFiring: { key in state.alerts[key]?.phase == .firing },
                    wasMuted: { key in evaluation.wasMuted(key, after: state) })
                markMuted(plan.firingMuted, journal: &journal)
                try store.save(state, journal: journal)
                for message in plan.messages { try enqueue(message) }
                muted = plan.muted
            }
        } catch {
            journal.undo(&state)
            logger.error("wall-clock silence check failed", ["error.message": "\(error)"])
            return 0
        }
        record(evaluation.events)
        logMuted(muted)
        if !evaluation.events.isEmpty {
            logger.info(
                "silent feeds judged on the wall clock", ["events": "\(evaluation.events.count)"])
        }
        return evaluation.events.count
    }
}
