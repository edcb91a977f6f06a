// Collects a logger's lines in memory so tests can wait for them and search them.
import BranchWatch
import Foundation

/// A log sink for tests. Lines are guarded by `condition`, so any thread may write.
public final class LogCapture: @unchecked Sendable {
    private let condition = NSCondition()
    private var captured: [String] = []

    public init() {}

    /// A logger at `level` whose lines land here.
    public func logger(level: Logger.Level = .debug) -> Logger {
        Logger(subsystem: "test", level: level) { [self] line in append(line) }
    }

    public var lines: [String] {
        condition.lock()
        defer { condition.unlock() }
        return captured
    }

    /// Waits until some line contains `text`, or `timeout` seconds pass; true when one did.
    @discardableResult
    public func waitForLine(containing text: String, timeout: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !captured.contains(where: { $0.contains(text) }) {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }

    /// Waits until `count` lines contain `text`, or `timeout` seconds pass; true when they do.
    @discardableResult
    public func waitForLines(containing text: String, count: Int, timeout: Double = 20) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while captured.count(where: { $0.contains(text) }) < count {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }

    private func append(_ line: String) {
        condition.lock()
        captured.append(line)
        condition.broadcast()
        condition.unlock()
    }
}
