// Silences checked again when a queued message falls due, so one added later still mutes it.

extension OutboxDeliverer {
    /// The active silence that mutes every alert `entry` tells of, or nil. Silences are read
    /// once per pass (`silences`), only when some message is due.
    ///
    /// Limitation: a grouped message with some alerts muted and some not is sent whole; its
    /// text was rendered when it was queued. A message queued by a version that did not
    /// record its alerts is never muted here.
    func mutingSilence(for entry: OutboxEntry, silences: [Silence]) throws(StoreError)
        -> Silence?
    {
        guard !silences.isEmpty else { return nil }
        let subjects = try store.subjects(ofOutbox: entry.id)
        guard !subjects.isEmpty else { return nil }
        var found: Silence?
        for subject in subjects {
            guard let silence = silences.first(where: subject.isMuted(by:)) else { return nil }
            found = found ?? silence
        }
        return found
    }

    /// Removes a message every alert of which a silence now mutes, and says so.
    func dropMuted(_ entry: OutboxEntry, by silence: Silence) throws(StoreError) {
        try removeQueued(entry)
        counters.muted += 1
        logger.info(
            "queued alert muted by a silence, dropped from the outbox",
            [
                "attempts": "\(entry.attempts)", "event": entry.eventKey,
                "notifier": entry.notifier, "silence": "\(silence.id)",
                "silence.reason": silence.reason,
            ])
    }
}
