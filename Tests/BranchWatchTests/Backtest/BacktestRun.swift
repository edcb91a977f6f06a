// Runs the real `branchwatch backtest` in a temporary folder, for tests of its command line.
import BranchWatchTestSupport
import Foundation

/// A config, rules and data files in a temporary folder, and the backtest run on them.
///
/// The executable runs in its own process, so a test can use any time zone without
/// changing the zone of the test process, which other tests share.
struct BacktestRun {
    let directory: TemporaryDirectory

    /// Writes `branchwatch.yaml` in `zone` and `rules/r.yaml` with `rules`.
    init(zone: String = "UTC", rules: String) throws {
        directory = try TemporaryDirectory()
        try directory.write("rules/r.yaml", rules)
        try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: \(zone)
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { hook: { type: console } }
            """)
    }

    /// The absolute path of `name` in the folder.
    func path(_ name: String) -> String { directory.path + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try directory.write(name, text)
    }

    /// Runs `branchwatch backtest --config … arguments`.
    func run(_ arguments: [String]) throws -> ToolResult {
        try ToolRun.run(
            Self.executable,
            ["backtest", "--config", path("branchwatch.yaml")] + arguments)
    }

    /// The debug executable, found from this file's place in the package.
    static let executable: String = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build/debug/branchwatch").path
    }()

    /// The rows of the score table at `name`, split into cells, header first.
    func table(_ name: String = "scores.csv") throws -> [[String]] {
        let text = try String(contentsOfFile: path(name), encoding: .utf8)
        return text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
