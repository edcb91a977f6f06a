// Read-only queries for the status page and /metrics: the outbox at a glance.

extension StateStore {
    /// How many messages wait, since when, and the first `limit` of them, oldest first.
    public func outboxSummary(limit: Int) throws(StoreError) -> OutboxSummary {
        var summary = OutboxSummary()
        let totals = try database.prepare("SELECT count(*), min(created_at) FROM outbox")
        if try totals.step() {
            summary.depth = Int(totals.integer(0))
            summary.oldestCreatedAt = summary.depth > 0 ? totals.real(1) : nil
        }
        let rows = try database.prepare(
            "SELECT event_key, notifier, attempts, created_at, next_attempt_at, last_error "
                + "FROM outbox ORDER BY id LIMIT ?")
        try rows.bind([.integer(Int64(limit))])
        while try rows.step() {
            summary.entries.append(
                OutboxLine(
                    eventKey: rows.text(0), notifier: rows.text(1), attempts: Int(rows.integer(2)),
                    createdAt: rows.real(3), nextAttemptAt: rows.real(4), lastError: rows.text(5)))
        }
        return summary
    }
}
