// Reads the command line: a command name, then --options with values and --flags without.
import BranchWatch

/// What one command accepts.
struct CommandSpec {
    var options: Set<String> = []
    var flags: Set<String> = []
    /// Options that take every value up to the next `--name`.
    var lists: Set<String> = []
    /// How many plain arguments (such as a notifier name) may follow the command.
    var positionals = 0

    var allNames: [String] { options.union(flags).union(lists).map { "--" + $0 }.sorted() }
}

/// The parsed command line.
struct CommandLineArguments {
    var command: String
    var options: [String: String] = [:]
    var flags: Set<String> = []
    /// Arguments that are not options, after the command (for example a notifier name).
    var positionals: [String] = []
    /// Options that take one or more values (`--data a.csv b.csv`).
    var lists: [String: [String]] = [:]

    /// Splits `arguments` after the command name; `spec` says what the command accepts,
    /// so a misspelt option is reported as such, not as a stray value after it.
    init(_ arguments: [String], spec: (String) throws(UsageError) -> CommandSpec)
        throws(UsageError)
    {
        guard let first = arguments.first else { throw .noCommand }
        command = first
        let accepted = try spec(first)
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else {
                guard positionals.count < accepted.positionals else {
                    throw .unexpectedArgument(argument)
                }
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if accepted.lists.contains(name), inlineValue == nil {
                var values: [String] = []
                while let next = rest.first, !next.hasPrefix("--") {
                    values.append(next)
                    rest = rest.dropFirst()
                }
                guard !values.isEmpty else { throw .missingValue("--" + name) }
                lists[name, default: []] += values
            } else if accepted.options.contains(name) {
                guard let value = inlineValue ?? rest.popFirst() else {
                    throw .missingValue("--" + name)
                }
                options[name] = value
            } else if accepted.flags.contains(name) {
                guard inlineValue == nil else { throw .valueForFlag("--" + name) }
                flags.insert(name)
            } else {
                let suggestion = nearestName(to: "--" + name, in: accepted.allNames)
                throw .unknownOption(command: command, "--" + name, suggestion: suggestion)
            }
        }
    }
}

/// A command line that does not say what to do.
enum UsageError: Error, CustomStringConvertible {
    case noCommand
    case unknownCommand(String)
    case unexpectedArgument(String)
    case missingValue(String)
    /// A required option left out entirely: `backtest needs --output FILE`.
    case missingOption(command: String, String)
    case valueForFlag(String)
    case unknownOption(command: String, String, suggestion: String?)
    case badValue(option: String, value: String, allowed: [String])

    var description: String {
        switch self {
        case .noCommand: return "no command given"
        case .unknownCommand(let name): return "unknown command \"\(name)\""
        case .unexpectedArgument(let argument): return "unexpected argument \"\(argument)\""
        case .missingValue(let option): return "\(option) needs a value"
        case .missingOption(let command, let option): return "\(command) needs \(option)"
        case .valueForFlag(let flag): return "\(flag) takes no value"
        case .unknownOption(let command, let option, let suggestion):
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            return "\"\(command)\" has no option \(option)\(hint)"
        case .badValue(let option, let value, let allowed):
            return "\(option) cannot be \"\(value)\"; use one of: "
                + allowed.joined(separator: ", ")
        }
    }
}

let usageText = """
    usage: branchwatch <command> [options]

    commands:
      run   --config FILE [--once] [--log-level LEVEL]
                                     apply drop files and deliver alerts; with --once,
                                     apply what is in the inbox now, deliver, and exit
      check --config FILE            validate the config and every rule file
      notify-test NAME --config FILE send a sample alert to notifier NAME and print
                                     the platform's answer
      dead-letter list --config FILE list alerts given up on (refused, or too old)
      dead-letter retry ID|--all --config FILE
                                     put dead letters back in the outbox
      backtest --config FILE --data FILE… --output FILE [--branch ID --metric NAME]
                                     replay history through the rules; write every
                                     score as CSV and print alerts per rule; with
                                     --branch and --metric, the data is timestamp,value
      test FILE…                     run rule tests: series in, alerts expected; prints
                                     what differs and exits 1 when any test fails
      silence add --config FILE [--rule NAME] [--branch ID] [--label K=V]…
                  --until TIME --reason TEXT
                                     mute delivery of matching alerts until TIME (2h, 1d,
                                     or a date-time); evaluation goes on
      silence list --config FILE [--all]
                                     who is muted, until when, by whom and why
      silence expire ID --config FILE
                                     end a silence now
      help                           show this text
      version                        show the version

    LEVEL is one of trace, debug, info, notice, warning, error, critical; it
    overrides log_level in the config. The config defaults to
    /etc/branchwatch/branchwatch.yaml; paths inside it are relative to it.
    """
