// Keeps the alert state in step with the rules: alerts no rule evaluates any more are dropped.

extension Engine {
    /// Drops the alerts that `rules` will never evaluate again, from memory and the
    /// database, logging each with its reason. Call at start-up and after rules change.
    ///
    /// A firing alert is dropped without a "resolved" message: its rule, and so the
    /// notifiers and template it would use, is gone. The warning says so.
    func dropOrphanAlerts(rules: [Rule]) {
        let orphans = OrphanAlerts.find(in: state.alerts, rules: rules)
        guard !orphans.isEmpty else { return }
        do {
            try store.deleteAlerts(orphans.map(\.key))
        } catch {
            logger.error("dropping alerts of removed rules failed", ["error.message": "\(error)"])
            return
        }
        for orphan in orphans {
            state.setAlert(nil, for: orphan.key)
            let fields = [
                "rule": orphan.key.rule, "branch": orphan.key.series.branch,
                "metric": orphan.key.series.metric, "phase": orphan.state.phase.rawValue,
                "reason": orphan.reason,
            ]
            if orphan.state.phase == .firing {
                logger.warning("firing alert dropped without a resolved message", fields)
            } else {
                logger.info("alert state dropped", fields)
            }
        }
    }
}
