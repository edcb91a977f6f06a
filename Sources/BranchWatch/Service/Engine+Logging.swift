// How the engine reports files and row problems in the log.

extension Engine {
    /// Row problems shown one per line; beyond this, only their count.
    static let problemsLogged = RejectedRowsWriter.kept

    func log(
        _ outcome: FileOutcome, name: String, seconds: Double, tally: DropTally?,
        names: FileNames = FileNames()
    ) {
        let duration = NumberFormat.fixed(seconds * 1000, decimals: 1)
        let known = names.fields(for: name)
        switch outcome {
        case .applied(let samples, let skipped, let late, let events):
            logger.info(
                "file applied",
                known.merging(
                    [
                        "file": name, "samples": "\(samples)", "skipped": "\(skipped)",
                        "late": "\(late)", "missing": "\(tally?.missing ?? 0)",
                        "format": tally?.format?.rawValue ?? "-",
                        "encoding": tally?.encoding ?? "-", "alert_events": "\(events)",
                        "duration_ms": duration,
                    ], uniquingKeysWith: { $1 }))
            logLate(name: name, tally: tally)
        case .duplicate:
            logger.info(
                "file already applied, skipped",
                known.merging(["file": name], uniquingKeysWith: { $1 }))
        case .rejected(let reason):
            logger.error(
                "file rejected",
                known.merging(["file": name, "reason": reason], uniquingKeysWith: { $1 }))
        case .failed(let reason):
            logger.error(
                "file failed, left in processing", ["file": name, "error.message": reason])
        }
    }

    /// Late samples do not rewind the statistics; conflicting ones may be a wrong export.
    private func logLate(name: String, tally: DropTally?) {
        guard let tally, tally.late > 0 else { return }
        if tally.conflicts > 0 {
            logger.warning(
                "conflicting samples ignored",
                ["file": name, "conflicts": "\(tally.conflicts)", "late": "\(tally.late)"])
        } else {
            logger.log(
                .notice, "late samples not applied", ["file": name, "late": "\(tally.late)"])
        }
    }

    func report(_ problems: [RowProblem], total: Int) {
        for problem in problems.prefix(Engine.problemsLogged) {
            logger.warning("row skipped", ["problem": problem.description])
        }
        if total > Engine.problemsLogged {
            logger.warning(
                "more rows skipped", ["count": "\(total - Engine.problemsLogged)"])
        }
    }

    func rejectionReason(_ problems: [RowProblem], total: Int) -> String {
        var lines = ["no row could be read:"] + problems.map(\.description)
        if total > problems.count { lines.append("… and \(total - problems.count) more") }
        return lines.joined(separator: "\n")
    }

    /// One line per muted event: delivery is muted, not evaluation, so the log still tells.
    func logMuted(_ muted: [MutedEvent]) {
        for item in muted {
            logger.info(
                "alert muted",
                [
                    "rule": item.event.rule, "branch": item.event.branch,
                    "metric": item.event.metric, "status": item.event.status.rawValue,
                    "reason": item.reason,
                ])
        }
    }
}
