// Runs the real branchwatch binary as a child process, the way systemd would, for tests.
import Foundation
import Glibc

/// A `branchwatch` child process with its stdout and stderr collected as they arrive.
///
/// Output is appended under `condition` by the pipes' reader threads; tests wait for
/// a line with a deadline. The process is killed when the object goes away.
public final class DaemonProcess: @unchecked Sendable {
    /// `.build/debug/branchwatch` in the package this file belongs to.
    public static let binaryPath: String = {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/branchwatch").path
    }()

    private let process = Process()
    private let condition = NSCondition()
    private var stdoutText = ""
    private var stderrText = ""
    private var exitStatus: Int32?
    /// Pipes not yet at end of file; output is complete only when this is 0.
    private var openPipes = 2

    /// Starts `branchwatch` with `arguments` and the test's environment plus `environment`.
    /// With `journalStream`, `JOURNAL_STREAM` names the stderr pipe, as systemd does when
    /// it connects a service's stderr to the journal.
    public init(
        _ arguments: [String], environment: [String: String] = [:], journalStream: Bool = false
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binaryPath) else {
            throw ProcessError.missingBinary(Self.binaryPath)
        }
        process.executableURL = URL(fileURLWithPath: Self.binaryPath)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "NOTIFY_SOCKET")
        merged.removeValue(forKey: "JOURNAL_STREAM")
        merged.merge(environment) { _, new in new }
        let errorPipe = collect { $0.stderrText += $1 }
        if journalStream {
            var info = stat()
            fstat(errorPipe.fileHandleForWriting.fileDescriptor, &info)
            merged["JOURNAL_STREAM"] = "\(info.st_dev):\(info.st_ino)"
        }
        process.environment = merged
        process.standardOutput = collect { $0.stdoutText += $1 }
        process.standardError = errorPipe
        // Weak: a strong capture would keep this object alive for as long as the process
        // runs, so `deinit` would never kill a daemon a test left running.
        process.terminationHandler = { [weak self] finished in
            guard let self else { return }
            condition.lock()
            exitStatus = finished.terminationStatus
            condition.broadcast()
            condition.unlock()
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public var pid: Int32 { process.processIdentifier }

    public var standardOutput: String { locked { stdoutText } }
    public var standardError: String { locked { stderrText } }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits until stderr contains `text`; returns whether it did before the deadline.
    @discardableResult
    public func waitForError(containing text: String, timeout: Double = 10) -> Bool {
        waitUntil(timeout: timeout) { $0.stderrText.contains(text) }
    }

    /// Waits until stdout contains `text`; returns whether it did before the deadline.
    @discardableResult
    public func waitForOutput(containing text: String, timeout: Double = 10) -> Bool {
        waitUntil(timeout: timeout) { $0.stdoutText.contains(text) }
    }

    /// The exit status, or nil when the process is still running after `timeout` seconds.
    /// After the exit it waits up to two seconds more for its output to be read to the end
    /// (Foundation does not always report the end of a pipe).
    public func waitForExit(timeout: Double = 10) -> Int32? {
        guard waitUntil(timeout: timeout, { $0.exitStatus != nil }) else { return nil }
        _ = waitUntil(timeout: 2) { $0.openPipes == 0 }
        return locked { exitStatus }
    }

    private func waitUntil(timeout: Double, _ done: (DaemonProcess) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !done(self) {
            guard condition.wait(until: deadline) else { return done(self) }
        }
        return true
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// A pipe whose data is appended with `append` under the lock as it arrives.
    private func collect(_ append: @escaping @Sendable (DaemonProcess, String) -> Void) -> Pipe {
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            if data.isEmpty {
                handle.readabilityHandler = nil
                self.condition.lock()
                self.openPipes -= 1
                self.condition.broadcast()
                self.condition.unlock()
                return
            }
            self.condition.lock()
            append(self, String(decoding: data, as: UTF8.self))
            self.condition.broadcast()
            self.condition.unlock()
        }
        return pipe
    }
}

public enum ProcessError: Error, CustomStringConvertible {
    case missingBinary(String)

    public var description: String {
        switch self {
        case .missingBinary(let path):
            return "\(path) is missing: run `swift build` (scripts/test.sh does) before the tests"
        }
    }
}
