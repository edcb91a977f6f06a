// Stopping: tell systemd, give the outbox a bounded time, and say what was left.

extension Daemon {
    /// Delivers what is due until the outbox is empty or `delivery.stop_deadline` has
    /// passed; a second stop request cuts the wait short. Undelivered messages stay in
    /// the outbox for the next start.
    ///
    /// Limitation: the deadline is checked between delivery passes, so one pass that is
    /// already sending can run past it by up to `delivery.timeout` per waiting message.
    func shutDown() {
        let budget = engine.config.delivery.stopDeadline
        enter(.stopping)
        notifier.stopping(
            status: "stopping; delivering \(outboxDepth) waiting alert messages for up to "
                + "\(NumberFormat.plain(budget)) s")
        logger.info(
            "stopping",
            ["undelivered": "\(outboxDepth)", "deadline_s": NumberFormat.plain(budget)])
        let deadline = WallClock.now() + budget
        var delivered = 0
        var report = deliver()
        delivered += report.delivered
        while report.remaining > 0, let next = report.nextAttemptAt, next <= deadline {
            guard waitQuietly(until: next) else { break }
            report = deliver()
            delivered += report.delivered
        }
        stopHTTP()
        logger.info(
            "stopped", ["delivered": "\(delivered)", "undelivered": "\(report.remaining)"])
    }

    /// Waits until `time`, pinging the watchdog; false when another stop request came.
    private func waitQuietly(until time: Double) -> Bool {
        while WallClock.now() < time {
            var wait = time - WallClock.now()
            if let ping = watchdog.secondsUntilDue() { wait = min(wait, ping) }
            let descriptors = control.map { [$0.descriptor] } ?? []
            let ready = (try? waitForEvents(descriptors, seconds: wait)) ?? []
            watchdog.pingIfDue(notifier)
            if !ready.isEmpty, control?.takeRequests().contains(.stop) == true { return false }
        }
        return true
    }
}
