// What the deliverer does with each verdict: remove, retry later, pause, or give up loudly.

extension OutboxDeliverer {
    /// Writes what `verdict` means for `entry`, then counts and logs it. Nothing is counted
    /// or logged when the write fails, since the same verdict is recorded again later.
    func record(
        _ verdict: DeliveryVerdict, for entry: OutboxEntry, now: Double,
        into report: inout DeliveryReport
    ) throws(StoreError) {
        switch verdict {
        case .accepted:
            try removeQueued(entry)
            counters.delivered += 1
            report.delivered += 1
            logger.info(
                "alert delivered",
                [
                    "attempt": "\(entry.attempts + 1)", "event": entry.eventKey,
                    "notifier": entry.notifier,
                ])
        case .retry(let reason, let after):
            try retry(entry, reason: reason, after: after, now: now, rateLimited: false)
            report.failed += 1
        case .rateLimited(let reason, let after):
            try retry(entry, reason: reason, after: after, now: now, rateLimited: true)
            report.failed += 1
        case .permanent(let reason):
            try giveUp(entry, reason: "refused: " + reason, now: now)
            report.failed += 1
            counters.permanentFailures += 1
            logger.error(
                "alert refused for good, moved to dead letter; check the notifier's URL and secret",
                ["error.message": reason, "event": entry.eventKey, "notifier": entry.notifier])
        }
        metrics.increment(
            .deliveries, labels: ["notifier": entry.notifier, "result": verdict.metricResult])
    }

    /// Keeps a message whose notifier cannot be resolved (an unset variable, a missing
    /// credential) for `max_backoff`, logging the problem as an error once per notifier
    /// rather than a warning at every retry: only an operator can fix it.
    func hold(
        _ entry: OutboxEntry, because error: SecretError, now: Double,
        into report: inout DeliveryReport
    ) throws(StoreError) {
        report.failed += 1
        metrics.increment(.deliveries, labels: ["notifier": entry.notifier, "result": "failed"])
        try postponeQueued(
            entry, until: now + settings.maximumBackoff, error: error.description)
        schedule(entry, in: settings.maximumBackoff)
        logProblemOnce(notifier: entry.notifier, error.description)
    }

    /// Logs every notifier whose URL or secret cannot be resolved, each problem once.
    public func reportUnresolvedReferences() {
        for problem in NotifierCheck.unresolved(notifiers) {
            logProblemOnce(notifier: problem.notifier, problem.error.description)
        }
    }

    private func logProblemOnce(notifier: String, _ problem: String) {
        guard loggedProblems[notifier] != problem else { return }
        loggedProblems[notifier] = problem
        logger.error(
            "notifier cannot send until its URL or secret is provided; alerts wait for it",
            ["error.message": problem, "notifier": notifier])
    }

    /// Moves messages older than `maximumAge` to the dead-letter table.
    ///
    /// Limitation: ages are taken on the wall clock, since a message's creation time must
    /// survive restarts; a clock set forward retires messages early, one set back late.
    func retireExpired(_ entries: [OutboxEntry], now: Double) throws(StoreError) {
        for entry in entries where now - entry.createdAt > settings.maximumAge {
            let age = NumberFormat.fixed(now - entry.createdAt, decimals: 0)
            logger.error(
                "alert undelivered too long, moved to dead letter",
                [
                    "age_s": age, "attempts": "\(entry.attempts)", "error.message": entry.lastError,
                    "event": entry.eventKey, "notifier": entry.notifier,
                ])
            try giveUp(entry, reason: "expired after \(age)s: " + entry.lastError, now: now)
        }
    }

    /// Logs each message still waiting, for `run --once` to say what it leaves behind.
    public static func reportUndelivered(store: StateStore, logger: Logger, limit: Int = 20)
        throws(StoreError)
    {
        let entries = try store.outboxEntries()
        for entry in entries.prefix(limit) {
            logger.warning(
                "alert still undelivered, kept for the next run",
                [
                    "attempts": "\(entry.attempts)", "error.message": entry.lastError,
                    "event": entry.eventKey, "notifier": entry.notifier,
                ])
        }
        if entries.count > limit {
            logger.warning("more alerts undelivered", ["count": "\(entries.count - limit)"])
        }
    }

    private func retry(
        _ entry: OutboxEntry, reason: String, after: Double?, now: Double, rateLimited: Bool
    ) throws(StoreError) {
        let wait =
            after.map { bounded(retryAfter: $0, for: entry) }
            ?? backoff(afterAttempts: entry.attempts + 1)
        try postponeQueued(entry, until: now + wait, error: reason)
        schedule(entry, in: wait)
        if rateLimited { pauseNotifier(entry.notifier, until: tick + wait) }
        if rateLimited { counters.rateLimited += 1 } else { counters.retried += 1 }
        logger.warning(
            rateLimited ? "alert delivery rate limited" : "alert delivery failed",
            [
                "attempt": "\(entry.attempts + 1)", "error.message": reason,
                "event": entry.eventKey, "notifier": entry.notifier,
                "retry_in_s": NumberFormat.fixed(wait, decimals: 1),
            ])
    }

    /// A wait the platform asked for, at least `initial_backoff` and at most `max_backoff`
    /// (or the platform's own documented pause, when longer), so an answer such as
    /// `Retry-After: 999999999` cannot silence a notifier for good.
    private func bounded(retryAfter asked: Double, for entry: OutboxEntry) -> Double {
        let ceiling = longestWait(entry.notifier)
        let used = min(max(asked, settings.initialBackoff), ceiling)
        if asked > ceiling {
            logger.warning(
                "retry delay asked by the platform is longer than max_backoff, capped",
                [
                    "asked_s": NumberFormat.plain(asked), "event": entry.eventKey,
                    "notifier": entry.notifier, "used_s": NumberFormat.plain(used),
                ])
        }
        return used
    }

    private func giveUp(_ entry: OutboxEntry, reason: String, now: Double) throws(StoreError) {
        do {
            try store.deadLetter(id: entry.id, reason: reason, at: now)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(call: "dead letter", code: 0, message: "\(error)", path: "-")
        }
        forget(entry)
        counters.deadLettered += 1
    }
}

extension DeliveryVerdict {
    /// The `result` label of the deliveries counter.
    var metricResult: String {
        switch self {
        case .accepted: return "delivered"
        case .retry: return "failed"
        case .rateLimited: return "rate_limited"
        case .permanent: return "refused"
        }
    }
}
