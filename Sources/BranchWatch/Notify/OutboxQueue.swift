// The deliverer's copy of the outbox, so choosing what goes next reads no row twice.

/// The outbox as the deliverer knows it, oldest first, with each message's lane.
///
/// Reading every row again after each answer made delivering n messages cost n² row reads
/// (2,000 queued alerts took seconds of CPU). Only the deliverer changes or removes outbox
/// rows; the engine and `dead-letter retry` only add them, and ids only grow, so reading
/// the rows past the highest id seen keeps this copy equal to the table. The deliverer
/// applies its own changes here right after they are written. `reload` reads everything
/// again, for when that cannot be ruled out (a write that failed half-way, a caller
/// driving the deliverer by hand).
struct OutboxQueue {
    struct Item {
        var entry: OutboxEntry
        /// Notifier and order key: messages of one lane go one after another.
        let lane: String
    }

    /// Queued messages by ascending id.
    private(set) var items: [Item] = []
    /// How many queued messages each notifier has.
    private(set) var countByNotifier: [String: Int] = [:]
    private var highestID: Int64 = 0
    /// False until the first read and after `invalidate`: the next refresh reads all rows.
    private var isLoaded = false

    var count: Int { items.count }

    static func lane(of entry: OutboxEntry) -> String {
        entry.notifier + "\u{0}" + entry.orderKey
    }

    /// Makes the next `refresh` read the whole table again.
    mutating func invalidate() {
        isLoaded = false
    }

    /// Adds the rows queued since the last read (all rows when not loaded).
    mutating func refresh(from store: StateStore) throws(StoreError) {
        if !isLoaded {
            items = []
            countByNotifier = [:]
            highestID = 0
        }
        let added = try store.outboxEntries(after: highestID)
        isLoaded = true
        items.reserveCapacity(items.count + added.count)
        for entry in added {
            items.append(Item(entry: entry, lane: Self.lane(of: entry)))
            countByNotifier[entry.notifier, default: 0] += 1
            highestID = max(highestID, entry.id)
        }
    }

    /// Forgets a message that left the outbox.
    mutating func remove(id: Int64) {
        guard let index = index(of: id) else { return }
        let notifier = items[index].entry.notifier
        items.remove(at: index)
        let left = (countByNotifier[notifier] ?? 1) - 1
        countByNotifier[notifier] = left > 0 ? left : nil
    }

    /// Notes a failed attempt, as `StateStore.postpone` stored it.
    mutating func postpone(id: Int64, until time: Double, error: String) {
        guard let index = index(of: id) else { return }
        items[index].entry.attempts += 1
        items[index].entry.nextAttemptAt = time
        items[index].entry.lastError = error
    }

    /// Binary search: items are in id order.
    private func index(of id: Int64) -> Int? {
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if items[middle].entry.id < id { low = middle + 1 } else { high = middle }
        }
        return low < items.count && items[low].entry.id == id ? low : nil
    }
}
