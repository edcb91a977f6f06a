// Outcomes the store refused to take, kept until it takes them; and the outage around that.

extension OutboxDeliverer {
    /// Records `verdict`, or keeps it for a later try when the store refuses it.
    func recordOrKeep(
        _ verdict: DeliveryVerdict, for entry: OutboxEntry, into report: inout DeliveryReport
    ) throws(StoreError) {
        do throws(StoreError) {
            try record(verdict, for: entry, now: now, into: &report)
        } catch {
            unrecorded.append((entry, verdict))
            throw error
        }
    }

    /// Writes the kept outcomes, oldest first, stopping at the first the store refuses;
    /// true when there were any.
    @discardableResult
    func recordUnrecorded(into report: inout DeliveryReport) throws(StoreError) -> Bool {
        guard !unrecorded.isEmpty else { return false }
        while let (entry, verdict) = unrecorded.first {
            try record(verdict, for: entry, now: now, into: &report)
            unrecorded.removeFirst()
        }
        return true
    }

    /// Whether outcomes wait to be written.
    var hasUnrecordedOutcomes: Bool { !unrecorded.isEmpty }

    /// Notes a failed read or write; rethrows it when it begins an outage, so the caller
    /// reports it once, and swallows the later ones of the same outage.
    func storeFailed(_ error: StoreError) throws(StoreError) {
        if outage.fail(at: tick) { throw error }
    }

    /// Ends an outage after a read or write went through, saying so in the log.
    func storeWorks() {
        guard let spell = outage.end(at: tick) else { return }
        logger.info(
            "outbox usable again, delivery resumes",
            [
                "down_s": NumberFormat.fixed(spell.seconds, decimals: 1),
                "failed_attempts": "\(spell.failures)",
            ])
    }
}
