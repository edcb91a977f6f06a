// A spell in which the state database refuses the deliverer, and when to try it again.

/// Tracks failed reads and writes of the outbox from the first until the next success.
///
/// Another process holding a write lock (an operator's `sqlite3` shell in `BEGIN
/// EXCLUSIVE`, a backup) makes every write fail once SQLite's busy timeout runs out. The
/// deliverer keeps trying after a short backoff instead of giving up, and reports the
/// failure once for the whole spell rather than at every attempt. Times are monotonic
/// seconds.
struct StoreOutage {
    /// First wait after a failure; each further failure doubles it up to `longestWait`.
    static let firstWait = 0.25
    static let longestWait = 2.0

    /// When the first failure of the spell happened; nil while the store works.
    private(set) var since: Double?
    /// Failed attempts in this spell.
    private(set) var failures = 0
    /// When the store may be tried again.
    private(set) var retryAt = 0.0

    var isOngoing: Bool { since != nil }

    /// Whether the store may be tried at `tick`: always while it works, else once the
    /// backoff has passed.
    func allowsAttempt(at tick: Double) -> Bool {
        since == nil || tick >= retryAt
    }

    /// Notes a failed attempt at `tick` and schedules the next; true when it starts a spell.
    mutating func fail(at tick: Double) -> Bool {
        let starts = since == nil
        if starts { since = tick }
        failures += 1
        let wait = Self.firstWait * Double(1 << min(failures - 1, 10))
        retryAt = tick + min(wait, Self.longestWait)
        return starts
    }

    /// Lets the next attempt go at once, for a caller that steps delivery by hand.
    mutating func retryNow() {
        retryAt = 0
    }

    /// Ends the spell after a successful attempt at `tick`; says how long it lasted and how
    /// many attempts failed, or nil when there was none.
    mutating func end(at tick: Double) -> (seconds: Double, failures: Int)? {
        guard let since else { return nil }
        defer { self = StoreOutage() }
        return (tick - since, failures)
    }
}
