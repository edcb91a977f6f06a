// The daemon's side of the engine's progress reports: stop between files, watchdog, status.

extension Daemon: EngineObserver {
    /// Pings the watchdog between files, and looks for a stop or reload request without
    /// waiting, so a long scan still stops after the file in hand.
    public func engineShouldContinue(_ engine: Engine) -> Bool {
        watchdog.pingIfDue(notifier)
        beat()
        if let control, (try? waitForEvents([control.descriptor], seconds: 0))?.isEmpty == false {
            takeControlRequests()
        }
        return !isStopping
    }

    /// Between batches of a large file: feeds the watchdog and says how far it got.
    public func engine(_ engine: Engine, reading name: String, rows: Int) {
        watchdog.pingIfDue(notifier)
        reportStatus("applying \(name): \(rows) rows read so far")
        extendStartWhileBusy()
    }

    public func engine(_ engine: Engine, finished name: String, outcome: FileOutcome) {
        count(outcome, into: &progress)
        reportStatus("applying drop files; last: \(name)")
        extendStartWhileBusy()
        publish()
    }

    /// Each file of a backlog applied before READY buys the start another half minute,
    /// so `TimeoutStartSec=` bounds a stuck start, not a long one.
    private func extendStartWhileBusy() {
        let now = clock.monotonic()
        guard !isReady, now - lastExtension >= 5 else { return }
        lastExtension = now
        notifier.extendTimeout(seconds: 30)
    }

    public func engine(_ engine: Engine, committed samples: [Sample], events: [AlertEvent]) {
        recordForCharts(samples, events: events)
        if !events.isEmpty { delivery.wake() }
    }
}
