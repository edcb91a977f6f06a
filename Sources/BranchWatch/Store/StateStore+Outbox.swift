// The outbox: alert messages written with the state that caused them, removed once delivered,
// and the dead-letter table for those that could not be delivered.

/// A message that left the outbox undelivered: too old, or refused for good.
public struct DeadLetter: Sendable, Equatable {
    public var eventKey: String
    public var notifier: String
    public var attempts: Int
    public var reason: String
}

extension StateStore {
    /// Queues a payload for a notifier; call inside the transaction that caused the event.
    /// An event already queued for that notifier is left as it is.
    ///
    /// Only the notifier's name is stored: its URL and secret are looked up at send time, so
    /// no token reaches the database.
    public func enqueue(eventKey: String, notifier: String, orderKey: String, payload: String)
        throws(StoreError)
    {
        let now = WallClock.now()
        try database.prepare(
            "INSERT OR IGNORE INTO outbox (event_key, notifier, order_key, payload, created_at, "
                + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)"
        ).run([
            .text(eventKey), .text(notifier), .text(orderKey), .text(payload), .real(now),
            .real(now),
        ])
    }

    /// Every queued message with an id above `id`, oldest first; all of them by default.
    /// Ids only grow (AUTOINCREMENT), so rows past the highest id a reader has seen are
    /// exactly the rows queued since.
    public func outboxEntries(after id: Int64 = 0) throws(StoreError) -> [OutboxEntry] {
        let query = try database.prepare(
            "SELECT id, event_key, notifier, order_key, payload, attempts, next_attempt_at, "
                + "created_at, last_error FROM outbox WHERE id > ? ORDER BY id")
        try query.bind([.integer(id)])
        var entries: [OutboxEntry] = []
        while try query.step() {
            entries.append(
                OutboxEntry(
                    id: query.integer(0), eventKey: query.text(1), notifier: query.text(2),
                    orderKey: query.text(3), payload: query.text(4),
                    attempts: Int(query.integer(5)), nextAttemptAt: query.real(6),
                    createdAt: query.real(7), lastError: query.text(8)))
        }
        return entries
    }

    /// How many messages wait in the outbox.
    public func outboxCount() throws(StoreError) -> Int {
        try count("SELECT count(*) FROM outbox")
    }

    /// Removes a message the platform accepted.
    public func removeFromOutbox(id: Int64) throws(StoreError) {
        try database.prepare("DELETE FROM outbox WHERE id = ?").run([.integer(id)])
    }

    /// Records a failed attempt and when to try again.
    public func postpone(id: Int64, until time: Double, error: String) throws(StoreError) {
        try database.prepare(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                + "WHERE id = ?"
        ).run([.real(time), .text(error), .integer(id)])
    }

    /// Moves a message to the dead-letter table, in one transaction.
    public func deadLetter(id: Int64, reason: String, at time: Double) throws {
        try database.transaction {
            try database.prepare(
                "INSERT INTO dead_letter (event_key, notifier, order_key, payload, created_at, "
                    + "attempts, reason, dead_at) SELECT event_key, notifier, order_key, payload, "
                    + "created_at, attempts, ?, ? FROM outbox WHERE id = ?"
            ).run([.text(reason), .real(time), .integer(id)])
            try removeFromOutbox(id: id)
        }
    }

    /// Every dead letter, oldest first.
    public func deadLetters() throws(StoreError) -> [DeadLetter] {
        let query = try database.prepare(
            "SELECT event_key, notifier, attempts, reason FROM dead_letter ORDER BY id")
        var letters: [DeadLetter] = []
        while try query.step() {
            letters.append(
                DeadLetter(
                    eventKey: query.text(0), notifier: query.text(1),
                    attempts: Int(query.integer(2)), reason: query.text(3)))
        }
        return letters
    }

    /// How many messages were given up on, over the life of this database.
    public func deadLetterCount() throws(StoreError) -> Int {
        try count("SELECT count(*) FROM dead_letter")
    }

    private func count(_ sql: String) throws(StoreError) -> Int {
        let query = try database.prepare(sql)
        _ = try query.step()
        return Int(query.integer(0))
    }
}
