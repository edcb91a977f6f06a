// How the engine reports files and row problems in the log.

extension Engine {
    /// Row problems shown one per line; beyond this, only their count.
    static let problemsLogged = 20

    func log(_ outcome: FileOutcome, name: String, seconds: Double) {
        let duration = NumberFormat.fixed(seconds * 1000, decimals: 1)
        switch outcome {
        case .applied(let samples, let skipped, let late, let events):
            logger.info(
                "file applied",
                [
                    "file": name, "samples": "\(samples)", "skipped": "\(skipped)",
                    "late": "\(late)",
                    "alert_events": "\(events)", "duration_ms": duration,
                ])
        case .duplicate:
            logger.info("file already applied, skipped", ["file": name])
        case .rejected(let reason):
            logger.error("file rejected", ["file": name, "reason": reason])
        case .failed(let reason):
            logger.error(
                "file failed, left in processing", ["file": name, "error.message": reason])
        }
    }

    func report(_ problems: [RowProblem]) {
        for problem in problems.prefix(Engine.problemsLogged) {
            logger.warning("row skipped", ["problem": problem.description])
        }
        if problems.count > Engine.problemsLogged {
            logger.warning(
                "more rows skipped", ["count": "\(problems.count - Engine.problemsLogged)"])
        }
    }

    func rejectionReason(_ problems: [RowProblem]) -> String {
        let shown = problems.prefix(Engine.problemsLogged).map(\.description)
        return (["no row could be read:"] + shown).joined(separator: "\n")
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
