// Every metric family branchwatch exports, named once so the whole program agrees.

extension MetricFamily {
    public static let files = counter(
        "branchwatch_files_total",
        help: "Drop files finished, by outcome: applied, duplicate, rejected or failed.")
    public static let rowsSkipped = counter(
        "branchwatch_rows_skipped_total",
        help: "Rows of applied files that could not be read and were skipped.")
    public static let samples = counter(
        "branchwatch_samples_total",
        help: "Samples of applied files, by result: applied, or late (not after the series' last).")
    public static let alertEvents = counter(
        "branchwatch_alert_events_total",
        help: "Alert events committed, by status: firing or resolved.")
    public static let deliveries = counter(
        "branchwatch_deliveries_total",
        help: "Attempts to deliver an outbox message, by notifier and result: delivered or failed.")
    public static let configReloads = counter(
        "branchwatch_config_reloads_total",
        help: "Config reloads asked for with SIGHUP, by result: applied or refused.")
    public static let evaluationSeconds = histogram(
        "branchwatch_evaluation_seconds",
        help: "Time to score one file's samples and evaluate the rules on them.",
        buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5])

    // Gauges, set from the snapshot the daemon publishes.
    public static let series = gauge(
        "branchwatch_series", help: "Series (branch and metric) with at least one sample.")
    public static let alerts = gauge(
        "branchwatch_alerts", help: "Alerts by state: pending or firing.")
    public static let rules = gauge("branchwatch_rules", help: "Rules loaded.")
    public static let outboxMessages = gauge(
        "branchwatch_outbox_messages", help: "Alert messages waiting in the outbox.")
    public static let outboxOldestAge = gauge(
        "branchwatch_outbox_oldest_age_seconds",
        help: "Age of the oldest message waiting in the outbox; 0 when it is empty.")
    public static let startTime = gauge(
        "branchwatch_start_time_seconds", help: "When the daemon started, in Unix seconds.")

    /// The families the engine and delivery feed, so they show before their first count.
    static let counted: [MetricFamily] = [
        .files, .rowsSkipped, .samples, .alertEvents, .deliveries, .configReloads,
        .evaluationSeconds,
    ]
}
