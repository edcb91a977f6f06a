// Reloading on SIGHUP: read the config and rules again, keep every bit of state.

/// Why a reload was refused; the daemon goes on with the config it had.
enum ReloadError: Error, CustomStringConvertible {
    case invalid(ConfigError)
    /// A setting that only a restart can change.
    case needsRestart(key: String, old: String, new: String)
    case timeZone(TimeZoneError)

    /// Each problem on its own, for one log line each.
    var problems: [String] {
        switch self {
        case .invalid(let error): return error.diagnostics.map(\.description)
        case .needsRestart, .timeZone: return [description]
        }
    }

    var description: String {
        switch self {
        case .invalid(let error): return error.description
        case .needsRestart(let key, let old, let new):
            return "\(key) changed from \(old) to \(new); that takes a restart, not a reload"
        case .timeZone(let error): return error.description
        }
    }
}

extension Daemon {
    /// Reads the config file again and, when it is sound, uses its rules, notifiers and
    /// settings from the next file on. Series, detector and alert state are kept: alerts
    /// of rules that still exist go on where they were. A config with problems is refused
    /// whole, each problem is logged, and the running config stays.
    func reload() {
        isReloadPending = false
        let file = engine.config.file
        notifier.reloading(status: "reloading \(file)")
        enter(.reloading)
        defer { enter(.running) }
        logger.info("reloading config", ["config": file])
        do {
            let fresh = try loadForReload(file)
            try apply(fresh)
            metrics.increment(.configReloads, labels: ["result": "applied"])
            logger.info(
                "config reloaded",
                [
                    "config": file, "rules": "\(fresh.rules.count)",
                    "notifiers": "\(fresh.notifiers.count)",
                ])
            notifier.ready(status: "config reloaded; \(idleStatus())")
        } catch {
            metrics.increment(.configReloads, labels: ["result": "refused"])
            if case .invalid(let invalid) = error {
                StartupFailure.log(invalid, to: logger)
            } else {
                logger.error("config problem", ["problem": error.description])
            }
            logger.error(
                "reload refused, previous config kept",
                ["config": file, "problems": "\(error.problems.count)"])
            let count = error.problems.count
            notifier.ready(
                status: "reload refused (\(count) problem\(count == 1 ? "" : "s"), see the log); "
                    + "running with the previous config")
        }
    }

    private func loadForReload(_ file: String) throws(ReloadError) -> Config {
        var fresh: Config
        do {
            fresh = try ConfigLoader.load(file)
        } catch {
            throw .invalid(error)
        }
        if let logLevelOverride { fresh.logLevel = logLevelOverride }
        let running = engine.config
        if fresh.stateDirectory != running.stateDirectory {
            throw .needsRestart(
                key: "state_dir", old: running.stateDirectory, new: fresh.stateDirectory)
        }
        if fresh.inboxPath != running.inboxPath {
            throw .needsRestart(key: "inbox.path", old: running.inboxPath, new: fresh.inboxPath)
        }
        return fresh
    }

    private func apply(_ fresh: Config) throws(ReloadError) {
        let previousHTTP = engine.config.http
        do {
            try engine.reload(fresh)
        } catch {
            throw .timeZone(error)
        }
        if fresh.http != previousHTTP {
            logger.warning(
                "http.listen changes take a restart; the endpoint stays where it is",
                ["listen": server.map { "\($0.host):\($0.port)" } ?? "off"])
        }
        logger.level = fresh.logLevel
        watchedMetrics = Set(fresh.rules.flatMap(\.metrics))
        delivery.reconfigure(notifiers: fresh.notifiers, settings: fresh.delivery)
    }
}
