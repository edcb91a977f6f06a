// `branchwatch backtest`: replay history through the rules and write every score as CSV.
import BranchWatch
import Glibc

extension Commands {
    static func backtest(_ arguments: CommandLineArguments) throws -> Int32 {
        let path = arguments.options["config"] ?? defaultConfigPath
        let files = arguments.lists["data"] ?? []
        guard !files.isEmpty else {
            throw UsageError.missingOption(command: "backtest", "--data FILE…")
        }
        guard let output = arguments.options["output"] else {
            throw UsageError.missingOption(command: "backtest", "--output FILE")
        }
        let plain = try plainSeries(arguments)
        if let input = ([path] + files).first(where: { isSameFile($0, output) }) {
            ConsoleText.err(
                "--output \(output) is the same file as \(input), which the backtest reads; "
                    + "give the scores another name")
            return ExitStatus.failure
        }
        let config: Config
        do {
            config = try ConfigLoader.load(path)
            try TimeZoneSetting.apply(config.timeZone)
            for warning in config.warnings { ConsoleText.err(warning.warningDescription) }
        } catch let error as ConfigError {
            ConsoleText.err(error.description)
            return ExitStatus.failure
        }
        var samples: [Sample] = []
        var skipped = 0
        for file in files {
            let drop = try BacktestInput.read(file, plain: plain)
            for problem in drop.problems.prefix(20) { ConsoleText.err("skipped: \(problem)") }
            if drop.problems.count > 20 {
                ConsoleText.err("skipped: \(drop.problems.count - 20) more rows")
            }
            skipped += drop.problems.count
            samples += drop.samples
        }
        let backtest = Backtest(rules: config.rules, samples: samples)
        do {
            try FileSystem.writeFile(output, ScoreTable.render(backtest))
        } catch {
            ConsoleText.err(
                "cannot write the scores to \(output): \(String(cString: strerror(error.errno)))")
            return ExitStatus.failure
        }
        let counts = ReplayCounts(backtest.evaluation, read: samples.count, skipped: skipped)
        ConsoleText.out(report(backtest, counts: counts, output: output))
        guard counts.replayed > 0 else {
            ConsoleText.err(
                "nothing was replayed: no row of \(files.joined(separator: ", ")) could be used")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }

    /// True when `first` and `second` name one file (same device and inode).
    private static func isSameFile(_ first: String, _ second: String) -> Bool {
        guard let one = FileSystem.identity(first), let other = FileSystem.identity(second)
        else { return false }
        return one == other
    }

    /// `--branch` and `--metric` come together, for a plain `timestamp,value` file.
    private static func plainSeries(_ arguments: CommandLineArguments) throws -> PlainSeries? {
        switch (arguments.options["branch"], arguments.options["metric"]) {
        case (nil, nil): return nil
        case (let branch?, let metric?): return PlainSeries(branch: branch, metric: metric)
        case (nil, _): throw UsageError.missingValue("--branch ID (with --metric)")
        case (_, nil): throw UsageError.missingValue("--metric NAME (with --branch)")
        }
    }

    /// The per-rule table printed after a replay, then the branches each rule never scored.
    static func report(_ backtest: Backtest, counts: ReplayCounts, output: String) -> String {
        let width = max(4, backtest.rules.map(\.name.count).max() ?? 4)
        func padded(_ text: String, _ size: Int) -> String {
            text + String(repeating: " ", count: max(0, size - text.count))
        }
        var lines = [
            counts.line,
            "\(backtest.evaluation.trace.count) rows written to \(output)",
            padded("rule", width)
                + "  alerts  reminders  muted  branches_alerted  branches_scored  branch-months"
                + "  series-months"
                + "  alerts/branch-month",
        ]
        let summaries = backtest.summaries
        for summary in summaries {
            let total = summary.branchesScored + summary.branchesNeverScored.count
            lines.append(
                padded(summary.rule, width) + "  " + padded("\(summary.alerts)", 6) + "  "
                    + padded("\(summary.reminders)", 9) + "  " + padded("\(summary.muted)", 5)
                    + "  " + padded("\(summary.branchesAlerted)", 16) + "  "
                    + padded("\(summary.branchesScored)/\(total)", 15) + "  "
                    + padded(NumberFormat.fixed(summary.branchMonths, decimals: 1), 13) + "  "
                    + padded(NumberFormat.fixed(summary.seriesMonths, decimals: 1), 13) + "  "
                    + NumberFormat.fixed(summary.alertsPerBranchMonth, decimals: 3))
        }
        lines += summaries.compactMap(backtest.neverScoredNote)
        return lines.joined(separator: "\n")
    }
}
