// The status page: branches with firing alerts and their charts, and the outbox.

/// Renders a `ServiceSnapshot` as one self-contained HTML page: inline CSS and SVG,
/// no script, so it works under a strict Content-Security-Policy. Pure.
enum StatusPage {
    /// Outbox rows shown; the count above the table covers the rest.
    static let outboxRowsShown = 50
    /// Branches shown with their charts, worst first; a line counts the rest.
    static let branchesShown = 100

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
        \(silenceSection(snapshot.silences))
        \(outboxSection(snapshot.outbox, now: now))
        <footer>Generated \(ISOTime.formatUTC(Int64(now))); refreshes every 30 s.</footer>
        </body></html>

        """
    }

    // Long branch names, event keys and errors wrap inside their box or cell instead of
    // widening the page; tables keep the viewport's width.
    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;max-width:100%}
        h1{margin:0 0 .2em}#branches{display:grid;gap:.6em;
        grid-template-columns:repeat(auto-fill,minmax(270px,1fr))}.branch{border:1px solid #ddd;
        border-radius:6px;padding:.3em .6em;min-width:0}.branch h3{margin:.1em 0;font-size:15px;
        overflow-wrap:anywhere}figure{margin:.2em 0}figcaption{font-size:12px;color:#555;
        overflow-wrap:anywhere}.critical{color:#c0392b}.warning{color:#b9770e}
        table{border-collapse:collapse;table-layout:fixed;width:100%}td,th{border-bottom:1px solid
        #eee;padding:.2em .6em;text-align:left;font-size:13px;overflow-wrap:anywhere;
        vertical-align:top}.empty,.more{color:#777}
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
        let branches = worstFirst(alerts)
        html += "<div id=\"branches\">"
        for (branch, group) in branches.prefix(branchesShown) {
            html += branchBlock(branch, group)
        }
        html += "</div>"
        if branches.count > branchesShown {
            let more = branches.count - branchesShown
            html +=
                "<p class=\"more\" id=\"more-branches\">and \(more) more branch"
                + "\(more == 1 ? "" : "es") with firing alerts, less severe or less unusual</p>"
        }
        return html + "</section>"
    }

    /// Alerts grouped by branch; the branches and the alerts in each ordered by severity
    /// (critical first), then by how unusual the value was, then by name.
    static func worstFirst(_ alerts: [AlertView]) -> [(branch: String, alerts: [AlertView])] {
        func rank(_ alert: AlertView) -> (Int, Double) {
            let severity = Severity(rawValue: alert.severity).flatMap {
                Severity.allCases.firstIndex(of: $0)
            }
            let magnitude = alert.magnitude.flatMap { $0.isNaN ? nil : $0 } ?? -1
            return (severity ?? -1, magnitude)
        }
        func worse(_ a: AlertView, _ b: AlertView) -> Bool {
            let (x, y) = (rank(a), rank(b))
            if x.0 != y.0 { return x.0 > y.0 }
            if x.1 != y.1 { return x.1 > y.1 }
            return (a.branch, a.rule, a.metric) < (b.branch, b.rule, b.metric)
        }
        let grouped = Dictionary(grouping: alerts, by: \.branch).mapValues { $0.sorted(by: worse) }
        return grouped.map { (branch: $0.key, alerts: $0.value) }
            .sorted { worse($0.alerts[0], $1.alerts[0]) }
    }

    private static func silenceSection(_ silences: [Silence]) -> String {
        var html = "<section id=\"silences\"><h2>Silences</h2>"
        guard !silences.isEmpty else {
            return html + "<p class=\"empty\">No silence is in force.</p></section>"
        }
        html +=
            "<table><tr><th>Id</th><th>Mutes</th><th>Until</th><th>By</th><th>Why</th></tr>"
        for silence in silences {
            let cells = [
                "\(silence.id)", silence.matchers, ISOTime.formatLocal(Int64(silence.endsAt)),
                silence.createdBy, silence.reason,
            ]
            html += "<tr>" + cells.map { "<td>\(HTMLText.escaped($0))</td>" }.joined() + "</tr>"
        }
        return html + "</table></section>"
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
        let shown = min(outbox.entries.count, outboxRowsShown)
        let showing = shown < outbox.depth ? "; showing \(shown) of \(outbox.depth)" : ""
        html +=
            "<p id=\"outbox-count\">\(outbox.depth) messages waiting; the oldest for \(age) s"
            + "\(showing).</p>"
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
