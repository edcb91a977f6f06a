// Which inbox files wait for their settle time, and what was already said about the inbox.

/// The engine's memory of the inbox between scans.
///
/// A file changed less than the settle time ago may still be written by a process that
/// has not closed it, so a scan leaves it and remembers when it may be taken; its close
/// event, or a later look once that time has passed, claims it.
struct InboxClaims {
    /// Files left by a scan, with the earliest time (epoch seconds) they may be claimed.
    private(set) var settling: [String: Double] = [:]
    /// Names already logged once (folders, files with extensions we do not read).
    var reported: Set<String> = []
    /// When finished files were last pruned from `done/`, on the wall clock.
    var lastPrune = 0.0
    /// While a file that failed waits in `processing/`: when to try it again.
    private(set) var retryAt: Double?
    /// Seconds before the next retry; doubles per failure up to `maxRetryDelay`.
    private var retryDelay = InboxClaims.firstRetryDelay
    static let firstRetryDelay = 1.0
    static let maxRetryDelay = 60.0

    /// Notes that a file failed at `now`; returns the seconds until it is tried again.
    mutating func scheduleRetry(now: Double) -> Double {
        let delay = retryDelay
        retryAt = now + delay
        retryDelay = min(retryDelay * 2, InboxClaims.maxRetryDelay)
        return delay
    }

    /// Forgets the retry once no failed file is left.
    mutating func clearRetry() {
        retryAt = nil
        retryDelay = InboxClaims.firstRetryDelay
    }

    /// The files of `waiting` that have been left alone for `settle` seconds; the others
    /// are remembered as settling.
    mutating func settled(_ waiting: [WaitingFile], settle: Double, now: Double) -> [WaitingFile] {
        var ready: [WaitingFile] = []
        for file in waiting {
            if now - file.modified >= settle {
                settling[file.name] = nil
                ready.append(file)
            } else {
                settling[file.name] = file.modified + settle
            }
        }
        return ready
    }

    /// Names whose settle time has passed, leaving them out of `settling`.
    mutating func takeDue(now: Double) -> [String] {
        let due = settling.filter { $0.value <= now }.map(\.key).sorted()
        for name in due { settling[name] = nil }
        return due
    }

    /// Forgets a file that was claimed or has gone.
    mutating func forget(_ name: String) {
        settling[name] = nil
    }

    /// The earliest time a settling file may be claimed or a failed one retried, if any.
    var nextDue: Double? { (Array(settling.values) + [retryAt].compactMap { $0 }).min() }
}
