// Structured logging: one event per line, constant message, sorted key=value fields.
import Glibc

/// A logger that writes one event per line to stderr.
///
/// Each line reads `2026-01-02T03:04:05Z info ingest: file applied file=a.csv rows=3`:
/// a constant message, then the fields sorted by key. Values with spaces or quotes
/// are quoted. The value type is safe to copy and share across threads.
public struct Logger: Sendable {
    /// Severity, in swift-log's seven steps.
    public enum Level: Int, Comparable, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        public var name: String { "\(self)" }
    }

    public var level: Level
    public var subsystem: String
    private let write: @Sendable (String) -> Void

    /// A logger for `subsystem` that writes lines through `write` (stderr by default).
    public init(
        subsystem: String,
        level: Level = .info,
        write: @escaping @Sendable (String) -> Void = Logger.writeToStandardError
    ) {
        self.subsystem = subsystem
        self.level = level
        self.write = write
    }

    /// The same sink and level under another subsystem name.
    public func child(_ subsystem: String) -> Logger {
        var copy = self
        copy.subsystem = subsystem
        return copy
    }

    public func log(_ level: Level, _ message: String, _ fields: [String: String] = [:]) {
        guard level >= self.level else { return }
        var line = "\(WallClock.isoNowUTC()) \(level.name) \(subsystem): \(message)"
        for key in fields.keys.sorted() {
            line += " \(key)=\(Logger.quoted(fields[key] ?? ""))"
        }
        write(line + "\n")
    }

    public func debug(_ message: String, _ fields: [String: String] = [:]) {
        log(.debug, message, fields)
    }

    public func info(_ message: String, _ fields: [String: String] = [:]) {
        log(.info, message, fields)
    }

    public func warning(_ message: String, _ fields: [String: String] = [:]) {
        log(.warning, message, fields)
    }

    public func error(_ message: String, _ fields: [String: String] = [:]) {
        log(.error, message, fields)
    }

    /// Quotes a value that a `key=value` reader would otherwise split.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" }
        guard needsQuotes else { return value }
        let escaped = value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// Writes with `write(2)` on fd 2; the C `stderr` global is not concurrency-safe in Swift 6.
    public static let writeToStandardError: @Sendable (String) -> Void = { line in
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            _ = Glibc.write(2, buffer.baseAddress, buffer.count)
        }
    }
}

extension Logger.Level {
    /// Reads a level name from config (`info`, `debug`, …).
    public init?(name: String) {
        guard let match = Logger.Level.allCases.first(where: { $0.name == name }) else {
            return nil
        }
        self = match
    }
}
