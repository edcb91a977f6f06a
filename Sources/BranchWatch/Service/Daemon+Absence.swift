// Runs the wall-clock check of `absent` rules from the daemon loop, every few minutes.

extension Daemon {
    /// Judges `absent` rules on the wall clock when `Engine.absenceCheckInterval` has
    /// passed since the last time.
    func checkAbsenceIfDue() {
        let now = WallClock.now()
        guard engine.watchesAbsence, now - lastAbsenceCheck >= Engine.absenceCheckInterval
        else { return }
        lastAbsenceCheck = now
        engine.checkAbsence(now: now)
    }
}
