// The status page: branches with firing alerts and their charts, and the outbox.

/// Renders a `ServiceSnapshot` as one self-contained HTML page: inline CSS and SVG,
/// no script, so it works under a strict Content-Security-Policy. Pure.
enum StatusPage {
    /// Outbox rows shown; the count above the table covers the rest.
    static let outboxRowsShown = 50

    static func html(_ snapshot: ServiceSnapshot, now: Double) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="30">
        <title>branchwatch status</title>
        <style>\(style)</style></head>
        <body>
        <header><h1>branchwatch</h1>\(summary(snapshot))</header>
        \(alertSection(snapshot.firingAlerts))
        \(outboxSection(snapshot.outbox, now: now))
        <footer>Generated \(ISOTime.formatUTC(Int64(now))); refreshes every 30 s.</footer>
        </body></html>

        """
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
        h1{margin:0 0 .2em}.branch{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;
        margin:.8em 0}.branch h3{margin:.2em 0}figure{display:inline-block;margin:.4em 1.2em .4em 0}
        figcaption{font-size:12px;color:#555;max-width:240px}.critical{color:#c0392b}
        .warning{color:#b9770e}table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;
        padding:.2em .6em;text-align:left;font-size:13px}.empty{color:#777}
        """

    private static func summary(_ snapshot: ServiceSnapshot) -> String {
        let facts = [
            "\(snapshot.phase.rawValue) since \(ISOTime.formatUTC(Int64(snapshot.startedAt)))",
            "\(snapshot.ruleCount) rules", "\(snapshot.seriesCount) series",
            "\(snapshot.firingAlerts.count) alerts firing", "\(snapshot.pendingAlerts) pending",
            "\(snapshot.outbox.depth) messages waiting",
        ]
        return "<p id=\"summary\">" + HTMLText.escaped(facts.joined(separator: " · ")) + "</p>"
    }

    private static func alertSection(_ alerts: [AlertView]) -> String {
        var html = "<section id=\"alerts\"><h2>Branches with active alerts</h2>"
        if alerts.isEmpty { html += "<p class=\"empty\">No alert is firing.</p>" }
        var index = alerts.startIndex
        while index < alerts.endIndex {
            let branch = alerts[index].branch
            let end = alerts[index...].firstIndex { $0.branch != branch } ?? alerts.endIndex
            html += branchBlock(branch, Array(alerts[index..<end]))
            index = end
        }
        return html + "</section>"
    }

    private static func branchBlock(_ branch: String, _ alerts: [AlertView]) -> String {
        let name = HTMLText.escaped(branch)
        return "<article class=\"branch\" data-branch=\"\(name)\"><h3>\(name)</h3>"
            + alerts.map(figure).joined() + "</article>"
    }

    private static func figure(_ alert: AlertView) -> String {
        let title = "\(alert.metric) at \(alert.branch): last \(alert.points.count) values"
        let severity = HTMLText.escaped(alert.severity)
        var caption =
            "<strong>\(HTMLText.escaped(alert.rule))</strong> "
            + "<span class=\"\(severity)\">\(severity)</span>"
            + " on \(HTMLText.escaped(alert.metric)) since \(ISOTime.formatLocal(alert.since))"
        if let value = alert.value, let expected = alert.expected {
            caption +=
                ": \(NumberFormat.plain(value)), expected \(NumberFormat.plain(expected))"
                + " (dashed)"
        }
        return "<figure class=\"alert\" data-rule=\"\(HTMLText.escaped(alert.rule))\""
            + " data-metric=\"\(HTMLText.escaped(alert.metric))\">"
            + Sparkline.svg(alert.points, baseline: alert.expected, title: title)
            + "<figcaption>\(caption)</figcaption></figure>"
    }

    private static func outboxSection(_ outbox: OutboxSummary, now: Double) -> String {
        var html = "<section id=\"outbox\"><h2>Outbox</h2>"
        guard outbox.depth > 0 else {
            return html + "<p class=\"empty\">Every alert message was delivered.</p></section>"
        }
        let age = NumberFormat.plain(max(0, now - (outbox.oldestCreatedAt ?? now)), decimals: 0)
        html +=
            "<p>\(outbox.depth) messages waiting; the oldest for \(age) s.</p>"
            + "<table><tr><th>Notifier</th><th>Event</th><th>Attempts</th>"
            + "<th>Next attempt</th><th>Last error</th></tr>"
        for line in outbox.entries.prefix(outboxRowsShown) {
            let cells = [
                line.notifier, line.eventKey, "\(line.attempts)",
                ISOTime.formatUTC(Int64(line.nextAttemptAt)), line.lastError,
            ]
            html += "<tr>" + cells.map { "<td>\(HTMLText.escaped($0))</td>" }.joined() + "</tr>"
        }
        return html + "</table></section>"
    }
}
