// A config with given rule text in a scratch directory, loaded the way the daemon loads it.
import BranchWatch
import Foundation

/// A scratch config whose rules are `rules` (the body of one rule file).
public final class RuleFixture {
    public let directory: TemporaryDirectory
    public let config: Config

    /// Writes `rules` to `rules/r.yaml` and a config declaring the label `region`, with
    /// notifiers `hook` (a webhook) and `chat` (Slack) to `sinkURL`, or an unused port, plus
    /// `extra` top-level YAML; loads it.
    public init(rules: String, extra: String = "", sinkURL: String = "http://127.0.0.1:9")
        throws
    {
        directory = try TemporaryDirectory()
        try directory.write("rules/r.yaml", rules)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox, labels: [region] }
            rules: [rules/*.yaml]
            notifiers:
              hook: { type: webhook, url: "\(sinkURL)/hook" }
              chat: { type: slack, url: "\(sinkURL)/chat" }
            delivery: { timeout: 5s, once_deadline: 5s }
            log_level: error
            \(extra)
            """)
        config = try ConfigLoader.load(path)
    }

    /// 2024-03-01T00:00:00Z.
    public static let start: Int64 = 1_709_251_200

    /// One sample a day from `start`, at `branch`, for each value.
    public static func daily(
        _ values: [Double], branch: String = "B07", metric: String = "sales", from day: Int = 0
    ) -> [Sample] {
        values.enumerated().map { offset, value in
            Sample(
                timestamp: start + Int64(day + offset) * 86_400, branch: branch, metric: metric,
                value: value)
        }
    }

    /// The day (0-based from `start`) of an event.
    public static func day(of event: AlertEvent) -> Int {
        Int((event.timestamp - start) / 86_400)
    }
}
