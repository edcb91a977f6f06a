// `branchwatch backtest`: replay history through the rules and write every score as CSV.
import BranchWatch

extension Commands {
    static func backtest(_ arguments: CommandLineArguments) throws -> Int32 {
        let path = arguments.options["config"] ?? defaultConfigPath
        let files = arguments.lists["data"] ?? []
        guard !files.isEmpty else { throw UsageError.missingValue("--data FILE…") }
        guard let output = arguments.options["output"] else {
            throw UsageError.missingValue("--output FILE")
        }
        let plain = try plainSeries(arguments)
        let config: Config
        do {
            config = try ConfigLoader.load(path)
            try TimeZoneSetting.apply(config.timeZone)
        } catch let error as ConfigError {
            ConsoleText.err(error.description)
            return ExitStatus.failure
        }
        var samples: [Sample] = []
        for file in files {
            let drop = try BacktestInput.read(file, plain: plain)
            for problem in drop.problems.prefix(20) { ConsoleText.err("skipped: \(problem)") }
            if drop.problems.count > 20 {
                ConsoleText.err("skipped: \(drop.problems.count - 20) more rows")
            }
            samples += drop.samples
        }
        let backtest = Backtest(rules: config.rules, samples: samples)
        try FileSystem.writeFile(output, ScoreTable.render(backtest))
        ConsoleText.out(report(backtest, samples: samples.count, output: output))
        return ExitStatus.success
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

    /// The per-rule table printed after a replay.
    static func report(_ backtest: Backtest, samples: Int, output: String) -> String {
        let width = max(4, backtest.rules.map(\.name.count).max() ?? 4)
        func padded(_ text: String, _ size: Int) -> String {
            text + String(repeating: " ", count: max(0, size - text.count))
        }
        var lines = [
            "replayed \(samples) samples, \(backtest.evaluation.trace.count) rows written to \(output)",
            padded("rule", width)
                + "  alerts  reminders  muted  branches  branch-months  series-months"
                + "  alerts/branch-month",
        ]
        for summary in backtest.summaries {
            lines.append(
                padded(summary.rule, width) + "  " + padded("\(summary.alerts)", 6) + "  "
                    + padded("\(summary.reminders)", 9) + "  " + padded("\(summary.muted)", 5)
                    + "  " + padded("\(summary.branches)", 8) + "  "
                    + padded(NumberFormat.fixed(summary.branchMonths, decimals: 1), 13) + "  "
                    + padded(NumberFormat.fixed(summary.seriesMonths, decimals: 1), 13) + "  "
                    + NumberFormat.fixed(summary.alertsPerBranchMonth, decimals: 3))
        }
        return lines.joined(separator: "\n")
    }
}
