// What the engine counts for `/metrics`: files by outcome, rows skipped, samples.

extension Engine {
    /// Counts one finished file.
    func record(_ outcome: FileOutcome) {
        switch outcome {
        case .applied(let samples, let skipped, let late, _):
            metrics.increment(.files, labels: ["outcome": "applied"])
            metrics.increment(.rowsSkipped, by: Double(skipped))
            metrics.increment(.samples, by: Double(samples), labels: ["result": "applied"])
            metrics.increment(.samples, by: Double(late), labels: ["result": "late"])
        case .duplicate:
            metrics.increment(.files, labels: ["outcome": "duplicate"])
        case .rejected:
            metrics.increment(.files, labels: ["outcome": "rejected"])
        case .failed:
            metrics.increment(.files, labels: ["outcome": "failed"])
        }
    }

    /// Counts the alert events of one committed file.
    func record(_ events: [AlertEvent]) {
        for event in events {
            metrics.increment(.alertEvents, labels: ["status": event.status.rawValue])
        }
    }

    /// Series that show as zero before the first file, so a scrape sees every outcome.
    static func declareMetrics(_ metrics: Metrics) {
        metrics.declare(MetricFamily.counted)
        for outcome in ["applied", "duplicate", "rejected", "failed"] {
            metrics.increment(.files, by: 0, labels: ["outcome": outcome])
        }
        for result in ["applied", "late"] {
            metrics.increment(.samples, by: 0, labels: ["result": result])
        }
        for status in ["firing", "resolved"] {
            metrics.increment(.alertEvents, by: 0, labels: ["status": status])
        }
        metrics.increment(.rowsSkipped, by: 0)
        for result in ["applied", "refused"] {
            metrics.increment(.configReloads, by: 0, labels: ["result": result])
        }
    }
}
