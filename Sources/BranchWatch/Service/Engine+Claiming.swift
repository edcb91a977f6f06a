// Which inbox files the engine claims, and when: at start-up, on inotify events, and later.

extension Engine {
    /// Applies files a crash left in `processing/`, then every inbox file that has not
    /// changed for `inbox.settle_time`, oldest first. Newer files are left for their close
    /// event or a later call; `run --once` and start-up use this.
    @discardableResult
    public func processPendingFiles() -> [String: FileOutcome] {
        var outcomes: [String: FileOutcome] = [:]
        do {
            guard try retryInterruptedFiles(into: &outcomes) else { return outcomes }
            let now = WallClock.now()
            let waiting = try inbox.waitingFiles()
            let settled = claims.settled(waiting, settle: config.ingest.settleSeconds, now: now)
            logSettling(waiting.count - settled.count)
            logIgnored()
            claimAndProcess(settled.map(\.name), into: &outcomes)
        } catch {
            logger.error("inbox scan failed", ["error.message": "\(error)", "inbox": inbox.path])
        }
        pruneDoneFiles()
        return outcomes
    }

    /// Applies the files `events` name (closed after writing, or renamed in), then files a
    /// scan left to settle whose time has come. Files no event named are not touched: they
    /// may still be being written. A lost event (queue overflow) falls back to a scan.
    @discardableResult
    public func processLanded(_ events: InboxEvents) -> [String: FileOutcome] {
        if events.isOverflowed || !events.folders.isEmpty { logIgnored() }
        // While a failed file waits, newer ones stay in the inbox; the scan after its
        // retry takes them in.
        if let retry = claims.retryAt {
            return WallClock.now() >= retry ? processPendingFiles() : [:]
        }
        if events.isOverflowed { return processPendingFiles() }
        var outcomes: [String: FileOutcome] = [:]
        let named = events.names.compactMap { inbox.waitingFile(named: $0) }
        let ordered = named.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
        for file in ordered { claims.forget(file.name) }
        if events.names.contains(where: { !Inbox.isInProgress($0) && !Inbox.hasDropExtension($0) })
        {
            logIgnored()
        }
        claimAndProcess(ordered.map(\.name), into: &outcomes)
        let now = WallClock.now()
        let due = claims.takeDue(now: now).compactMap { inbox.waitingFile(named: $0) }
        let settled = claims.settled(due, settle: config.ingest.settleSeconds, now: now)
        claimAndProcess(settled.map(\.name), into: &outcomes)
        pruneDoneFilesIfDue(now: now)
        return outcomes
    }

    /// Seconds until a file left to settle may be claimed; nil when none waits.
    public var secondsUntilSettled: Double? {
        claims.nextDue.map { max(0, $0 - WallClock.now()) }
    }

    /// Applies the files left in `processing/` by a crash or a failure, before any newer
    /// file: applied after a newer one, their rows would all be late and lost. Returns
    /// false while one of them still fails (it is retried later, with a growing delay),
    /// or when waiting for that retry; newer files then stay in the inbox.
    private func retryInterruptedFiles(into outcomes: inout [String: FileOutcome]) throws
        -> Bool
    {
        let backlog = try inbox.interruptedBacklog()
        guard !backlog.isEmpty else {
            claims.clearRetry()
            return true
        }
        if let retry = claims.retryAt, WallClock.now() < retry { return false }
        for file in backlog {
            guard shouldContinue else { return false }
            logger.info("resuming interrupted file", ["file": file.name])
            let outcome = process(claimed: file.name)
            outcomes[file.name] = outcome
            if case .failed = outcome {
                holdNewerFiles(behind: file.name)
                return false
            }
        }
        claims.clearRetry()
        return true
    }

    /// Schedules the retry of a failed file, and says that newer files wait for it.
    private func holdNewerFiles(behind name: String) {
        let delay = claims.scheduleRetry(now: WallClock.now())
        logger.warning(
            "newer files wait until the failed file is applied",
            ["file": name, "retry_in_s": "\(delay)"])
    }

    /// Claims each file by renaming it into `processing/` and applies it; a file that went
    /// away in between (another claim, a writer's rename) is passed over. After a file
    /// fails, the rest stay in the inbox until it is applied.
    private func claimAndProcess(_ names: [String], into outcomes: inout [String: FileOutcome]) {
        for name in names {
            guard shouldContinue else { return }
            do {
                _ = try inbox.claim(name)
            } catch {
                logger.debug("file gone before it was claimed", ["file": name])
                continue
            }
            let outcome = process(claimed: name)
            outcomes[name] = outcome
            if case .failed = outcome {
                holdNewerFiles(behind: name)
                return
            }
        }
    }

    /// Prunes `done/` when the last pruning is a while ago, so retention holds in a quiet
    /// inbox too: every tenth of the retention, at most every ten minutes.
    private func pruneDoneFilesIfDue(now: Double) {
        guard let retention = config.ingest.doneRetention, retention > 0 else { return }
        guard now - claims.lastPrune >= min(retention / 10, 600) else { return }
        pruneDoneFiles()
    }

    /// One warning per folder or unread file name in the inbox, the first time it is seen.
    private func logIgnored() {
        guard let entries = try? inbox.ignoredEntries() else { return }
        for entry in entries where !claims.reported.contains(entry.name) {
            claims.reported.insert(entry.name)
            logger.warning("inbox entry not read", ["name": entry.name, "reason": entry.reason])
        }
    }

    private func logSettling(_ count: Int) {
        guard count > 0 else { return }
        logger.info(
            "recently changed files left to settle",
            ["count": "\(count)", "settle_time_s": "\(config.ingest.settleSeconds)"])
    }
}
