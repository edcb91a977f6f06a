// Runs the wall-clock check of `absent` rules from the daemon loop, every few minutes.

extension Daemon {
    /// Judges `absent` rules on the wall clock when `Engine.silenceCheckInterval` has
    /// passed since the last time.
    func checkSilenceIfDue() {
        let now = WallClock.now()
        guard engine.watchesSilence, now - lastSilenceCheck >= Engine.silenceCheckInterval
        else { return }
        lastSilenceCheck = now
        engine.checkSilence(now: now)
    }
}
