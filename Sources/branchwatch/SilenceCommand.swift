// `branchwatch silence add|list|expire`: mute delivery by rule, branch or label, for a while.
import BranchWatch
import Glibc

extension Commands {
    static func silence(_ arguments: CommandLineArguments) throws -> Int32 {
        guard let action = arguments.positionals.first else {
            throw UsageError.missingValue("silence (add, list or expire)")
        }
        let path = configPath(arguments)
        guard let config = loadConfig(arguments) else { return ExitStatus.failure }
        // The database belongs to the service's user; creating it here (as root, say) would
        // leave the service a file it cannot write.
        guard FileSystem.isRegularFile(config.databasePath) else {
            ConsoleText.err(
                "no state database at \(config.databasePath) yet: run branchwatch once first "
                    + "(systemctl start branchwatch, or branchwatch run --once --config \(path))")
            return ExitStatus.failure
        }
        // Its own connection: the daemon may hold the state directory's lock meanwhile,
        // and WAL lets both use the database at once.
        try FileSystem.makeDirectories(config.stateDirectory)
        let store = try StateStore(path: config.databasePath)
        let now = WallClock.now()
        switch action {
        case "add": return try addSilence(arguments, store: store, config: config, now: now)
        case "list":
            let all = arguments.flags.contains("all")
            ConsoleText.out(
                SilenceText.table(try store.silences(since: now, includingEnded: all), now: now))
            return ExitStatus.success
        case "expire":
            guard arguments.positionals.count == 2 else {
                throw UsageError.missingValue("silence expire (the silence's ID)")
            }
            let id: Int64
            do {
                id = try SilenceText.id(arguments.positionals[1])
            } catch {
                ConsoleText.err("branchwatch: \(error)")
                return ExitStatus.usage
            }
            guard try store.expireSilence(id: id, at: now) else {
                ConsoleText.err("no active silence with ID \(id); see branchwatch silence list")
                return ExitStatus.failure
            }
            ConsoleText.out("silence \(id) expired")
            return ExitStatus.success
        default:
            throw UsageError.badValue(
                option: "silence", value: action, allowed: ["add", "list", "expire"])
        }
    }

    private static func addSilence(
        _ arguments: CommandLineArguments, store: StateStore, config: Config, now: Double
    ) throws -> Int32 {
        guard let until = arguments.options["until"] else {
            throw UsageError.missingValue("--until TIME")
        }
        guard let reason = arguments.options["reason"], reason.contains(where: { !$0.isWhitespace })
        else {
            throw UsageError.missingValue("--reason TEXT")
        }
        let rule = arguments.options["rule"]
        if let rule, !config.rules.contains(where: { $0.name == rule }) {
            let hint = nearestName(to: rule, in: config.rules.map(\.name)).map {
                " (did you mean \"\($0)\"?)"
            }
            ConsoleText.err("\(config.file): no rule named \"\(rule)\"\(hint ?? "")")
            return ExitStatus.failure
        }
        let endsAt = try SilenceText.endTime(until, now: now)
        let labels = try SilenceText.checked(
            try SilenceText.labels(arguments.lists["label"] ?? []), known: config.labelNames)
        if let branch = arguments.options["branch"], try !store.hasSeen(branch: branch) {
            ConsoleText.err(
                "warning: branch \"\(branch)\" has sent no data yet; check its ID "
                    + "(the silence is added all the same)")
        }
        var silence = Silence(
            rule: rule, branch: arguments.options["branch"], labels: labels,
            endsAt: endsAt, reason: reason,
            createdBy: userName(), createdAt: now)
        guard silence.rule != nil || silence.branch != nil || !silence.labels.isEmpty else {
            throw SilenceError.nothingMatched
        }
        silence.id = try store.addSilence(silence)
        ConsoleText.out(SilenceText.table([silence], now: now))
        return ExitStatus.success
    }

    /// Who runs the command: the user behind sudo when there is one, else the login name
    /// of the process's user (`USER` is often unset under systemd or cron).
    private static func userName() -> String {
        for name in ["SUDO_USER", "USER", "LOGNAME"] {
            if let value = getenv(name), !String(cString: value).isEmpty {
                return String(cString: value)
            }
        }
        // getpwuid returns a static buffer: fine, the command runs on one thread.
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return "uid \(getuid())"
    }
}
