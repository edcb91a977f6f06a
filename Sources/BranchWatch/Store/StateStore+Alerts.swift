// The alert columns that came after the first schema, and removing alerts of gone rules.

extension StateStore {
    /// Fills `pendingSince`, `lastSent` and `isMuted` of the loaded alerts.
    func loadAlertTiming(into state: inout EngineState) throws(StoreError) {
        let query = try database.prepare(
            "SELECT rule, branch, metric, pending_since, last_sent FROM alert_timing")
        while try query.step() {
            let key = AlertKey(
                rule: query.text(0), series: SeriesKey(branch: query.text(1), metric: query.text(2))
            )
            let (pendingSince, lastSent) = (query.integer(3), query.integer(4))
            state.updateAlert(key) {
                $0.pendingSince = pendingSince
                $0.lastSent = lastSent
            }
        }
        let muted = try database.prepare("SELECT rule, branch, metric FROM alert_muted")
        while try muted.step() {
            let key = AlertKey(
                rule: muted.text(0), series: SeriesKey(branch: muted.text(1), metric: muted.text(2))
            )
            state.updateAlert(key) { $0.isMuted = true }
        }
    }

    /// Writes the timing and muted flag of the given alerts; call inside a transaction.
    func saveAlertTiming(_ alerts: [AlertKey: AlertState]) throws(StoreError) {
        let statement = try database.prepare(
            "INSERT OR REPLACE INTO alert_timing (rule, branch, metric, pending_since, last_sent) "
                + "VALUES (?, ?, ?, ?, ?)")
        for (key, value) in alerts {
            try statement.run([
                .text(key.rule), .text(key.series.branch), .text(key.series.metric),
                .integer(value.pendingSince), .integer(value.lastSent),
            ])
        }
        let mute = try database.prepare(
            "INSERT OR IGNORE INTO alert_muted (rule, branch, metric) VALUES (?, ?, ?)")
        let unmute = try database.prepare(
            "DELETE FROM alert_muted WHERE rule = ? AND branch = ? AND metric = ?")
        for (key, value) in alerts {
            try (value.isMuted ? mute : unmute).run([
                .text(key.rule), .text(key.series.branch), .text(key.series.metric),
            ])
        }
    }

    /// Deletes the state of the given alerts, in one transaction.
    public func deleteAlerts(_ keys: [AlertKey]) throws {
        try database.transaction {
            for table in ["alert_state", "alert_timing", "alert_muted"] {
                let statement = try database.prepare(
                    "DELETE FROM \(table) WHERE rule = ? AND branch = ? AND metric = ?")
                for key in keys {
                    try statement.run([
                        .text(key.rule), .text(key.series.branch), .text(key.series.metric),
                    ])
                }
            }
        }
    }
}
