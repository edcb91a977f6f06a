// Structured logging: one event per line, constant message, sorted key=value fields.
import Glibc

/// A logger that writes one event per line to stderr.
///
/// In a terminal each line reads `2026-01-02T03:04:05Z info ingest: file applied file=a.csv`:
/// a constant message, then the fields sorted by key. Under systemd, when stderr is the
/// journal's stream, the line starts with the `<N>` syslog priority journald reads and
/// drops the timestamp, which the journal records itself. Values with spaces, quotes or
/// line breaks are quoted and escaped, so an event never spans two lines; secrets are
/// masked (see `LogRedaction`). The value type is safe to copy and share across threads.
public struct Logger: Sendable {
    /// Severity, in swift-log's seven steps.
    public enum Level: Int, Comparable, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        public var name: String { "\(self)" }

        /// The syslog priority journald files the line under (`sd-daemon.h`'s `SD_*`).
        var syslogPriority: Int {
            switch self {
            case .trace, .debug: return 7
            case .info: return 6
            case .notice: return 5
            case .warning: return 4
            case .error: return 3
            case .critical: return 2
            }
        }
    }

    /// How a line starts.
    public enum Format: Sendable, Equatable {
        /// `2026-01-02T03:04:05Z info daemon: …`, for terminals and files.
        case timestamped
        /// `<6>daemon: …`, for journald.
        case journal

        /// `.journal` when stderr is the stream systemd connected to the journal.
        public static let detected: Format =
            JournalStream.isStandardError(getenv("JOURNAL_STREAM").map { String(cString: $0) })
            ? .journal : .timestamped
    }

    public var level: Level
    public var subsystem: String
    public var format: Format
    private let write: @Sendable (String) -> Void

    /// A logger for `subsystem` that writes lines through `write` (stderr by default).
    public init(
        subsystem: String,
        level: Level = .info,
        format: Format = .detected,
        write: @escaping @Sendable (String) -> Void = Logger.writeToStandardError
    ) {
        self.subsystem = subsystem
        self.level = level
        self.format = format
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
        var line: String
        switch format {
        case .timestamped: line = "\(WallClock.isoNowUTC()) \(level.name) "
        case .journal: line = "<\(level.syslogPriority)>"
        }
        line += "\(subsystem): \(Logger.escaped(message))"
        for key in fields.keys.sorted() {
            let value = LogRedaction.redacted(fields[key] ?? "", key: key)
            line += " \(key)=\(Logger.quoted(value))"
        }
        write(line + "\n")
    }

    public func debug(_ message: String, _ fields: [String: String] = [:]) {
        log(.debug, message, fields)
    }

    public func info(_ message: String, _ fields: [String: String] = [:]) {
        log(.info, message, fields)
    }

    public func notice(_ message: String, _ fields: [String: String] = [:]) {
        log(.notice, message, fields)
    }

    public func warning(_ message: String, _ fields: [String: String] = [:]) {
        log(.warning, message, fields)
    }

    public func error(_ message: String, _ fields: [String: String] = [:]) {
        log(.error, message, fields)
    }

    public func critical(_ message: String, _ fields: [String: String] = [:]) {
        log(.critical, message, fields)
    }

    /// Quotes a value that a `key=value` reader would otherwise split.
    static func quoted(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains {
                $0 == " " || $0 == "\"" || $0 == "=" || DataText.isInvisibleBreak($0)
            }
        guard needsQuotes else { return value }
        return "\"\(escaped(value))\""
    }

    /// Backslash escapes for quotes, backslashes, control characters (ESC as `\x1b`) and
    /// line breaks, Unicode line separators included.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if DataText.isInvisibleBreak(scalar) {
                    result += DataText.hexEscape(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
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

/// Whether stderr is the journal stream systemd set up for the service.
enum JournalStream {
    /// systemd sets `JOURNAL_STREAM=<device>:<inode>` for the stream it connected stdout
    /// and stderr to; a service whose stderr was redirected elsewhere keeps the variable,
    /// so the device and inode must match those of fd 2.
    static func isStandardError(_ value: String?) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1])
        else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
