// How a failed start is told: journal events at error level, or plain text on a terminal.

/// Reports what stopped the daemon from starting.
///
/// Under systemd each problem is one error event with `key=value` fields, so
/// `journalctl -p warning` shows it; on a terminal the text reads as `check` prints it.
public enum StartupFailure {
    /// Reports `error` through `logger` (or as plain text when the logger writes to a
    /// terminal); `config` is the config file's path.
    public static func report(_ error: any Error, config: String, logger: Logger) {
        guard logger.format == .journal else {
            if error is ConfigError {
                ConsoleText.err("\(error)")
            } else {
                ConsoleText.err("branchwatch: \(error)")
            }
            return
        }
        if let invalid = error as? ConfigError {
            log(invalid, to: logger)
            logger.error(
                "start-up failed: the config has problems",
                ["config": config, "problems": "\(invalid.diagnostics.count)"])
        } else {
            logger.error("start-up failed", ["config": config, "error.message": "\(error)"])
        }
    }

    /// One error event per problem, with its file, line and column as fields.
    public static func log(_ error: ConfigError, to logger: Logger) {
        for diagnostic in error.ordered {
            logger.error(
                "config problem",
                [
                    "column": "\(diagnostic.mark.column)", "file": diagnostic.file,
                    "line": "\(diagnostic.mark.line)", "problem": diagnostic.message,
                ])
        }
    }
}

extension ConfigError {
    /// The diagnostics in file, then line and column order.
    var ordered: [Diagnostic] {
        diagnostics.sorted {
            ($0.file, $0.mark.line, $0.mark.column) < ($1.file, $1.mark.line, $1.mark.column)
        }
    }
}
