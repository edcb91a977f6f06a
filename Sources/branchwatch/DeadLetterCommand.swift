// `branchwatch dead-letter list` and `dead-letter retry ID|--all`: what was given up on.
import BranchWatch

enum DeadLetterCommand {
    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        guard let config = Commands.loadConfig(arguments) else { return ExitStatus.failure }
        let store = try StateStore(path: config.databasePath)
        switch arguments.positionals.first {
        case "list": return try list(store)
        case "retry": return try retry(store, arguments)
        default: throw UsageError.missingValue("dead-letter (list or retry)")
        }
    }

    /// One line per dead letter: id, when, notifier, event key, attempts and reason.
    private static func list(_ store: StateStore) throws -> Int32 {
        let rows = try store.deadLetterRows()
        for row in rows {
            let reason = ResponseText.shown(row.reason, limit: 300)
            ConsoleText.out(
                "\(row.id)\t\(ISOTime.formatUTC(Int64(row.deadAt)))\t\(row.notifier)\t"
                    + "\(DataText.visible(row.eventKey))\tattempts=\(row.attempts)\t\(reason)")
        }
        ConsoleText.out("\(rows.count) dead letter\(rows.count == 1 ? "" : "s")")
        return ExitStatus.success
    }

    /// Moves the named dead letters (or all) back to the outbox.
    private static func retry(_ store: StateStore, _ arguments: CommandLineArguments) throws
        -> Int32
    {
        let all = arguments.flags.contains("all")
        let ids: [Int64]
        if all {
            ids = try store.deadLetterRows().map(\.id)
        } else {
            guard arguments.positionals.count == 2, let id = Int64(arguments.positionals[1])
            else { throw UsageError.missingValue("dead-letter retry (an ID from list, or --all)") }
            ids = [id]
        }
        var moved = 0
        for id in ids where try store.retryDeadLetter(id: id) { moved += 1 }
        guard moved > 0 || all else {
            ConsoleText.err("no dead letter with ID \(ids.first ?? 0); see dead-letter list")
            return ExitStatus.failure
        }
        ConsoleText.out(
            "\(moved) message\(moved == 1 ? "" : "s") back in the outbox; a running daemon "
                + "sends them after its next drop file or `systemctl reload branchwatch`")
        return ExitStatus.success
    }
}
