// A run's lasting results as comparable text: state tables, alert ledger, file bookkeeping.
import BranchWatch
import Foundation

/// Everything a run leaves that must not depend on how often it was interrupted: series,
/// detector and alert state, the applied-files ledger, the outbox, and where files ended.
/// Wall-clock columns (applied_at, created_at, attempts) are left out.
public enum StateDump {
    /// Each query with the number of columns it returns.
    static let queries: [(String, Int32)] = [
        (
            "SELECT 'series', branch, metric, sample_count, last_timestamp, quote(last_value) "
                + "FROM series ORDER BY 2, 3", 6
        ),
        (
            "SELECT 'detector', branch, metric, detector, hex(state) FROM detector_state "
                + "ORDER BY 2, 3, 4", 5
        ),
        (
            "SELECT 'alert', rule, branch, metric, phase, consecutive, firing_since "
                + "FROM alert_state ORDER BY 2, 3, 4", 7
        ),
        ("SELECT 'applied', digest, name, samples, skipped, late FROM applied_files ORDER BY 2", 6),
        ("SELECT 'outbox', event_key, notifier, order_key, payload FROM outbox ORDER BY 2, 3", 5),
    ]

    /// The dump of the run whose config folder is `directory` (state in `state/`, inbox in
    /// `inbox/`).
    public static func of(_ directory: String) throws -> [String] {
        let database = try Database(path: directory + "/state/branchwatch.sqlite")
        var lines: [String] = []
        for (sql, columns) in queries {
            let query = try database.prepare(sql)
            while try query.step() {
                lines.append((0..<columns).map { query.text($0) }.joined(separator: "|"))
            }
        }
        let files = FileManager.default
        for folder in ["inbox", "inbox/processing", "inbox/done", "inbox/rejected"] {
            let path = directory + "/" + folder
            for name in ((try? files.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                var isDirectory: ObjCBool = false
                files.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
                if isDirectory.boolValue { continue }
                let text =
                    folder.hasSuffix("rejected")
                    ? (try? String(
                        contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "(binary)" : ""
                lines.append("file|\(folder)/\(name)|\(text)")
            }
        }
        return lines
    }
}
