// /metrics of the real binary, read by Prometheus' own text-format parser (Python).
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct MetricsEndpointTests {
    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts").path

    /// Ten quiet days at B07 and B08 and one unreadable row; then a spike at B07 with a
    /// late row for B08; the spike again under another name; a file with no good row.
    static let drops = [
        "a-history.csv": "timestamp,branch,metric,value\n"
            + (1...10).map { day in
                let date = "2024-03-\(String(format: "%02d", day))"
                let value = 9 + day % 2 * 2
                return "\(date),B07,sales,\(value)\n\(date),B08,sales,\(value)\n"
            }.joined() + "2024-03-1x,B07,sales,10\n",
        "b-spike.csv": "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n"
            + "2024-03-05,B08,sales,10\n",
        "c-spike-copy.csv": "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n"
            + "2024-03-05,B08,sales,10\n",
        "d-garbage.csv": "timestamp,branch,metric,value\nyesterday,B07,sales,lots\n",
    ]

    @Test func countersAfterAKnownDropParseWithThePrometheusClient() throws {
        let directory = try TemporaryDirectory("bw-metrics")
        let sink = try HTTPSink()
        defer { sink.stop() }
        try directory.write(
            "rules/sales.yaml",
            SalesJumpRule.text(notify: ["hook", "down"]))
        // `down` points at a port nothing listens on: its message stays in the outbox.
        let config = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              hook: { type: webhook, url: "\(sink.url("/hook"))" }
              down: { type: webhook, url: "http://127.0.0.1:9/hook" }
            delivery: { timeout: 2s, initial_backoff: 30s, stop_deadline: 0s }
            http: { listen: 127.0.0.1:0 }
            """)
        // Written in name order: a backlog is applied oldest first.
        for (name, text) in Self.drops.sorted(by: { $0.key < $1.key }) {
            try directory.write("inbox/" + name, text)
        }

        let daemon = try ObservedDaemon(configPath: config, directory: directory)
        #expect(sink.waitForRequests(1).count == 1)
        // Each result is counted before it is logged.
        #expect(daemon.process.waitForError(containing: "alert delivered"))
        #expect(daemon.process.waitForError(containing: "alert delivery failed"))

        let parsed = try ToolRun.run(
            "python3", [Self.scripts + "/parse_metrics.py", daemon.url("/metrics")])
        try #require(parsed.status == 0, "parser said: \(parsed.errors)")
        let metrics = try ParsedMetrics(json: parsed.output)
        #expect(metrics.contentType.hasPrefix("text/plain; version=0.0.4"))

        #expect(metrics.type("branchwatch_files") == "counter")
        #expect(metrics.value("branchwatch_files_total", ["outcome": "applied"]) == 2)
        #expect(metrics.value("branchwatch_files_total", ["outcome": "duplicate"]) == 1)
        #expect(metrics.value("branchwatch_files_total", ["outcome": "rejected"]) == 1)
        #expect(metrics.value("branchwatch_files_total", ["outcome": "failed"]) == 0)
        #expect(metrics.value("branchwatch_rows_skipped_total") == 1)
        #expect(metrics.value("branchwatch_samples_total", ["result": "applied"]) == 21)
        #expect(metrics.value("branchwatch_samples_total", ["result": "late"]) == 1)
        #expect(metrics.value("branchwatch_alert_events_total", ["status": "firing"]) == 1)
        #expect(metrics.value("branchwatch_alert_events_total", ["status": "resolved"]) == 0)
        let delivered = ["notifier": "hook", "result": "delivered"]
        #expect(metrics.value("branchwatch_deliveries_total", delivered) == 1)
        let failed = ["notifier": "down", "result": "failed"]
        #expect(metrics.value("branchwatch_deliveries_total", failed) == 1)

        // Declared at start, so a rate() over them works before the first reload.
        #expect(metrics.value("branchwatch_config_reloads_total", ["result": "applied"]) == 0)
        #expect(metrics.value("branchwatch_config_reloads_total", ["result": "refused"]) == 0)

        #expect(metrics.value("branchwatch_series") == 2)
        #expect(metrics.value("branchwatch_alerts", ["state": "firing"]) == 1)
        #expect(metrics.value("branchwatch_alerts", ["state": "pending"]) == 0)
        #expect(metrics.value("branchwatch_rules") == 1)
        #expect(metrics.value("branchwatch_outbox_messages") == 1)
        #expect((metrics.value("branchwatch_outbox_oldest_age_seconds") ?? -1) >= 0)

        // Two files were evaluated: the duplicate and the rejected one never reach the rules.
        #expect(metrics.type("branchwatch_evaluation_seconds") == "histogram")
        #expect(metrics.value("branchwatch_evaluation_seconds_count") == 2)
        #expect(metrics.value("branchwatch_evaluation_seconds_bucket", ["le": "+Inf"]) == 2)
        #expect((metrics.value("branchwatch_evaluation_seconds_sum") ?? 0) > 0)

        #expect(daemon.stop() == 0)
    }
}

/// The JSON `parse_metrics.py` prints.
struct ParsedMetrics {
    let contentType: String
    private let families: [String: [String: Any]]

    init(json: String) throws {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        contentType = object?["content_type"] as? String ?? ""
        families = object?["families"] as? [String: [String: Any]] ?? [:]
    }

    /// The family's type; the parser names counter families without `_total`.
    func type(_ family: String) -> String? {
        families[family]?["type"] as? String
    }

    /// The value of the sample with exactly this name and these labels.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        for family in families.values {
            for case let sample as [Any] in family["samples"] as? [Any] ?? [] {
                guard sample.count == 3, sample[0] as? String == name,
                    sample[1] as? [String: String] ?? [:] == labels
                else { continue }
                return (sample[2] as? NSNumber)?.doubleValue
            }
        }
        return nil
    }
}
