// The outbox: alert messages written with the state that caused them, removed once delivered.

extension StateStore {
    /// Queues a payload for a notifier; call inside the transaction that caused the event.
    /// An event already queued for that notifier is left as it is.
    public func enqueue(eventKey: String, notifier: String, orderKey: String, payload: String)
        throws(StoreError)
    {
        let now = WallClock.now()
        try database.prepare(
            "INSERT OR IGNORE INTO outbox (event_key, notifier, order_key, payload, created_at, next_attempt_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)"
        ).run([
            .text(eventKey), .text(notifier), .text(orderKey), .text(payload), .real(now),
            .real(now),
        ])
    }

    /// Every queued message, oldest first.
    public func outboxEntries() throws(StoreError) -> [OutboxEntry] {
        let query = try database.prepare(
            "SELECT id, event_key, notifier, order_key, payload, attempts, next_attempt_at FROM outbox ORDER BY id"
        )
        var entries: [OutboxEntry] = []
        while try query.step() {
            entries.append(
                OutboxEntry(
                    id: query.integer(0), eventKey: query.text(1), notifier: query.text(2),
                    orderKey: query.text(3), payload: query.text(4),
                    attempts: Int(query.integer(5)),
                    nextAttemptAt: query.real(6)))
        }
        return entries
    }

    /// Removes a message the platform accepted.
    public func removeFromOutbox(id: Int64) throws(StoreError) {
        try database.prepare("DELETE FROM outbox WHERE id = ?").run([.integer(id)])
    }

    /// Records a failed attempt and when to try again.
    public func postpone(id: Int64, until time: Double, error: String) throws(StoreError) {
        try database.prepare(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?"
        ).run([.real(time), .text(error), .integer(id)])
    }
}
