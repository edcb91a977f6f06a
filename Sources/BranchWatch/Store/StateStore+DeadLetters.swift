// Listing dead letters and putting them back in the outbox, for the `dead-letter` command.

/// A dead letter with what a person needs to decide whether to send it again.
public struct DeadLetterRow: Sendable, Equatable {
    public var id: Int64
    public var eventKey: String
    public var notifier: String
    public var attempts: Int
    public var reason: String
    /// When it was given up on, in epoch seconds.
    public var deadAt: Double
}

extension StateStore {
    /// Every dead letter, oldest first.
    public func deadLetterRows() throws(StoreError) -> [DeadLetterRow] {
        let query = try database.prepare(
            "SELECT id, event_key, notifier, attempts, reason, dead_at FROM dead_letter "
                + "ORDER BY id")
        var rows: [DeadLetterRow] = []
        while try query.step() {
            rows.append(
                DeadLetterRow(
                    id: query.integer(0), eventKey: query.text(1), notifier: query.text(2),
                    attempts: Int(query.integer(3)), reason: query.text(4),
                    deadAt: query.real(5)))
        }
        return rows
    }

    /// Moves dead letter `id` back to the outbox as a fresh message (no attempts, its age
    /// counted from now), in one transaction; false when there is no such dead letter.
    ///
    /// Limitation: it queues behind messages of its lane that came after it, so a retried
    /// "firing" may arrive after its "resolved"; the idempotency key still tells them apart.
    public func retryDeadLetter(id: Int64, now: Double = WallClock.now()) throws -> Bool {
        try database.transaction {
            let exists = try database.prepare("SELECT count(*) FROM dead_letter WHERE id = ?")
                .bind([.integer(id)])
            _ = try exists.step()
            guard exists.integer(0) > 0 else { return false }
            try database.prepare(
                "INSERT OR IGNORE INTO outbox (event_key, notifier, order_key, payload, "
                    + "created_at, next_attempt_at) SELECT event_key, notifier, order_key, "
                    + "payload, ?, ? FROM dead_letter WHERE id = ?"
            ).run([.real(now), .real(now), .integer(id)])
            try database.prepare("DELETE FROM dead_letter WHERE id = ?").run([.integer(id)])
            return true
        }
    }
}
