// Stopping: tell systemd, give the outbox a bounded time, and say what was left.

extension Daemon {
    /// Lets the delivery thread deliver what is due until the outbox is empty or
    /// `delivery.stop_deadline` has passed; a second stop request cuts that short. Requests
    /// still open then are abandoned: their messages stay in the outbox for the next start.
    func shutDown() {
        let budget = engine.config.delivery.stopDeadline
        enter(.stopping)
        notifier.stopping(
            status: "stopping; delivering \(outboxDepth) waiting alert messages for up to "
                + "\(NumberFormat.plain(budget)) s")
        logger.info(
            "stopping",
            ["undelivered": "\(outboxDepth)", "deadline_s": NumberFormat.plain(budget)])
        let before = deliveryCounters.delivered
        delivery.drain(until: clock.monotonic() + budget)
        waitForDeliveryToEnd()
        stopHTTP()
        let left = (try? engine.store.outboxCount()) ?? outboxDepth
        logger.info(
            "stopped",
            ["delivered": "\(deliveryCounters.delivered - before)", "undelivered": "\(left)"])
    }

    /// Waits for the delivery thread to end, pinging the watchdog; a stop request from
    /// `control` meanwhile tells it to end at once.
    func waitForDeliveryToEnd() {
        while true {
            var wait = 3600.0
            if let ping = watchdog.secondsUntilDue() { wait = min(wait, ping) }
            let descriptors =
                [delivery.finishedDescriptor] + (control.map { [$0.descriptor] } ?? [])
            let ready = (try? waitForEvents(descriptors, seconds: wait)) ?? []
            watchdog.pingIfDue(notifier)
            if ready.contains(delivery.finishedDescriptor) { break }
            if let control, ready.contains(control.descriptor),
                control.takeRequests().contains(.stop)
            {
                delivery.stop()
            }
        }
        // The thread has signalled its end; joining takes no time.
        _ = delivery.join(timeout: 5)
    }
}
