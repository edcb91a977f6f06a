// Reads the command line: a command name, then --flags with or without values.

/// The parsed command line.
struct CommandLineArguments {
    var command: String
    var options: [String: String] = [:]
    var flags: Set<String> = []
    /// Options that take one or more values (`--data a.csv b.csv`).
    var lists: [String: [String]] = [:]

    /// Options that take a value; every other `--name` is a flag.
    static let valued: Set<String> = ["config", "log-level", "output", "branch", "metric"]
    /// Options that take every value up to the next `--name`.
    static let listed: Set<String> = ["data"]

    init(_ arguments: [String]) throws(UsageError) {
        guard let first = arguments.first else { throw .noCommand }
        command = first
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { throw .unexpectedArgument(argument) }
            let name = String(argument.dropFirst(2))
            if let equals = name.firstIndex(of: "=") {
                options[String(name[..<equals])] = String(name[name.index(after: equals)...])
            } else if CommandLineArguments.listed.contains(name) {
                var values: [String] = []
                while let next = rest.first, !next.hasPrefix("--") {
                    values.append(next)
                    rest = rest.dropFirst()
                }
                guard !values.isEmpty else { throw .missingValue(argument) }
                lists[name, default: []] += values
            } else if CommandLineArguments.valued.contains(name) {
                guard let value = rest.popFirst() else { throw .missingValue(argument) }
                options[name] = value
            } else {
                flags.insert(name)
            }
        }
    }

    /// Rejects options and flags the command does not know.
    func allow(options allowedOptions: Set<String>, flags allowedFlags: Set<String>)
        throws(UsageError)
    {
        for name in options.keys where !allowedOptions.contains(name) {
            throw .unknownOption(command: command, "--" + name)
        }
        for name in lists.keys where !allowedOptions.contains(name) {
            throw .unknownOption(command: command, "--" + name)
        }
        for name in flags where !allowedFlags.contains(name) {
            throw .unknownOption(command: command, "--" + name)
        }
    }
}

/// A command line that does not say what to do.
enum UsageError: Error, CustomStringConvertible {
    case noCommand
    case unknownCommand(String)
    case unexpectedArgument(String)
    case missingValue(String)
    case unknownOption(command: String, String)

    var description: String {
        switch self {
        case .noCommand: return "no command given"
        case .unknownCommand(let name): return "unknown command \"\(name)\""
        case .unexpectedArgument(let argument): return "unexpected argument \"\(argument)\""
        case .missingValue(let option): return "\(option) needs a value"
        case .unknownOption(let command, let option):
            return "\"\(command)\" has no option \(option)"
        }
    }
}

let usageText = """
    usage: branchwatch <command> [options]

    commands:
      run   --config FILE [--once]   apply drop files and deliver alerts; with --once,
                                     apply what is in the inbox now, deliver, and exit
      check --config FILE            validate the config and every rule file
      backtest --config FILE --data FILE… --output FILE [--branch ID --metric NAME]
                                     replay history through the rules; write every
                                     score as CSV and print alerts per rule; with
                                     --branch and --metric, the data is timestamp,value
      help                           show this text
      version                        show the version

    The config defaults to /etc/branchwatch/branchwatch.yaml.
    """
