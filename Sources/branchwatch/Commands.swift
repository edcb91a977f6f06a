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
    static func dispatch(_ arguments: CommandLineArguments) throws -> Int32 {
        switch arguments.command {
        case "run":
            try arguments.allow(options: ["config", "log-level"], flags: ["once"])
            return try run(arguments)
        case "check":
            try arguments.allow(options: ["config"], flags: [])
            return check(arguments)
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
            ConsoleText.out(
                "\(path): ok (\(config.rules.count) rules in \(files) files, \(config.notifiers.count) notifiers)"
            )
            return ExitStatus.success
        } catch {
            ConsoleText.err(error.description)
            let count = error.diagnostics.count
            ConsoleText.err("\(count) problem\(count == 1 ? "" : "s") found; nothing was changed")
            return ExitStatus.failure
        }
    }

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        // Signals must be blocked before any other thread starts, so this comes first.
        let signals = try ServiceSignals()
        let path = arguments.options["config"] ?? defaultConfigPath
        var config: Config
        do {
            config = try ConfigLoader.load(path)
        } catch {
            ConsoleText.err(error.description)
            return ExitStatus.failure
        }
        var levelOverride: Logger.Level?
        if let name = arguments.options["log-level"] {
            guard let level = Logger.Level(name: name) else {
                throw UsageError.missingValue(
                    "--log-level (trace, debug, info, notice, warning, error, critical)")
            }
            levelOverride = level
            config.logLevel = level
        }
        let logger = Logger(subsystem: "daemon", level: config.logLevel)
        let daemon = try Daemon(config: config, logger: logger)
        daemon.logLevelOverride = levelOverride
        guard !arguments.flags.contains("once") else {
            _ = daemon.runOnce()
            return ExitStatus.success
        }
        try daemon.run(until: signals)
        return ExitStatus.success
    }
}
