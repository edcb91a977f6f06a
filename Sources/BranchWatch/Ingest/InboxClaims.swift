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

    /// The earliest time a settling file may be claimed, if any waits.
    var nextDue: Double? { settling.values.min() }
}
