// The commands of the branchwatch program; each returns the process exit status.
import BranchWatch

let version = "0.1.0"
let defaultConfigPath = "/etc/branchwatch/branchwatch.yaml"

enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}

enum Commands {
    /// The options and flags each command accepts.
    static func spec(_ command: String) throws(UsageError) -> CommandSpec {
        switch command {
        case "run": return CommandSpec(options: ["config", "log-level"], flags: ["once"])
        case "check": return CommandSpec(options: ["config"])
        case "notify-test": return CommandSpec(options: ["config"], positionals: 1)
        case "dead-letter": return CommandSpec(options: ["config"], flags: ["all"], positionals: 2)
        case "backtest":
            return CommandSpec(options: ["config", "output", "branch", "metric"], lists: ["data"])
        // Test files are plain arguments, as many as a shell glob gives.
        case "test": return CommandSpec(positionals: Int.max)
        case "silence":
            return CommandSpec(
                options: ["config", "rule", "branch", "until", "reason"], flags: ["all"],
                lists: ["label"], positionals: 2)
        case "help", "--help", "-h", "version", "--version": return CommandSpec()
        default: throw UsageError.unknownCommand(command)
        }
    }

    static func dispatch(_ arguments: CommandLineArguments) throws -> Int32 {
        switch arguments.command {
        case "run":
            return try run(arguments)
        case "check":
            return check(arguments)
        case "notify-test":
            return try notifyTest(arguments)
        case "dead-letter":
            return try DeadLetterCommand.run(arguments)
        case "backtest":
            return try backtest(arguments)
        case "silence":
            return try silence(arguments)
        case "test":
            return test(arguments)
        case "help", "--help", "-h":
            ConsoleText.out(usageText)
            return ExitStatus.success
        case "version", "--version":
            ConsoleText.out("branchwatch \(version)")
            return ExitStatus.success
        default:
            throw UsageError.unknownCommand(arguments.command)
        }
    }

    static func check(_ arguments: CommandLineArguments) -> Int32 {
        let path = arguments.options["config"] ?? defaultConfigPath
        do {
            let config = try ConfigLoader.load(path)
            let files = Set(config.rules.map(\.file)).count
            // References that do not resolve here are warnings: the service may have them.
            let unresolved = NotifierCheck.unresolved(config.notifiers)
            for reference in unresolved { ConsoleText.err(reference.warningLine) }
            for warning in config.warnings { ConsoleText.err(warning.warningDescription) }
            let advice = ServiceAdvice.review(config)
            for item in advice { ConsoleText.err(item.line(file: path)) }
            let count = unresolved.count + config.warnings.count + advice.count
            let warnings = count == 0 ? "" : ", " + Plural.count(count, "warning")
            ConsoleText.out(
                "\(path): ok (\(Plural.count(config.rules.count, "rule")) in "
                    + "\(Plural.count(files, "file")), "
                    + "\(Plural.count(config.notifiers.count, "notifier"))\(warnings))")
            return ExitStatus.success
        } catch {
            ConsoleText.err(error.description)
            let count = error.diagnostics.count
            ConsoleText.err("\(count) problem\(count == 1 ? "" : "s") found")
            return ExitStatus.failure
        }
    }

    static func notifyTest(_ arguments: CommandLineArguments) throws -> Int32 {
        guard let name = arguments.positionals.first else {
            throw UsageError.missingValue("notify-test (the notifier's name)")
        }
        let path = configPath(arguments)
        guard let config = loadConfig(arguments) else { return ExitStatus.failure }
        guard let notifier = config.notifiers[name] else {
            let known = config.notifiers.keys.sorted().joined(separator: ", ")
            ConsoleText.err("\(path): no notifier named \"\(name)\"; the config has: \(known)")
            return ExitStatus.failure
        }
        let result = NotifyTest.send(notifier, settings: config.delivery)
        if let response = result.response {
            ConsoleText.out("HTTP \(response.status)")
            if let wait = response.headers["retry-after"] {
                ConsoleText.out("Retry-After: \(DataText.visible(String(wait.prefix(100))))")
            }
            ConsoleText.out(response.body.isEmpty ? "(empty body)" : response.body)
        }
        let reason = result.verdict.reason
        let word = result.unresolved == nil ? result.verdict.word : "not sent (alerts would wait)"
        ConsoleText.out(
            "\(name) (\(notifier.type.rawValue)): \(word)" + (reason.isEmpty ? "" : ": \(reason)"))
        return result.verdict == .accepted ? ExitStatus.success : ExitStatus.failure
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        // Signals must be blocked before any other thread starts, so this comes first.
        let signals = try ServiceSignals()
        let path = arguments.options["config"] ?? defaultConfigPath
        var levelOverride: Logger.Level?
        if let name = arguments.options["log-level"] {
            guard let level = Logger.Level(name: name) else {
                let allowed = Logger.Level.allCases.map(\.name)
                throw UsageError.badValue(option: "--log-level", value: name, allowed: allowed)
            }
            levelOverride = level
        }
        var logger = Logger(subsystem: "daemon", level: levelOverride ?? .info)
        do {
            var config = try ConfigLoader.load(path)
            if let levelOverride { config.logLevel = levelOverride }
            logger.level = config.logLevel
            for warning in config.warnings {
                logger.warning("config warning", ["problem": warning.description])
            }
            let daemon = try Daemon(config: config, logger: logger)
            daemon.logLevelOverride = levelOverride
            guard !arguments.flags.contains("once") else {
                _ = daemon.runOnce(until: signals)
                return ExitStatus.success
            }
            try daemon.run(until: signals)
            return ExitStatus.success
        } catch {
            StartupFailure.report(error, config: path, logger: logger)
            return ExitStatus.failure
        }
    }
}
