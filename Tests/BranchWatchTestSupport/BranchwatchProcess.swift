// The real branchwatch executable run as a child process, for tests that kill or watch it.
import Foundation
import Glibc

/// One run of `.build/debug/branchwatch` with its stderr in a file.
///
/// Exit is awaited on the termination handler with a deadline, never by sleeping.
/// Thread-safe: the handler only signals a semaphore.
public final class BranchwatchProcess: @unchecked Sendable {
    /// The debug executable, found from this source file's place in the package.
    public static func executable(filePath: String = #filePath) -> String {
        var root = URL(fileURLWithPath: filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build/debug/branchwatch").path
    }

    /// Whether `swift build` has produced the executable; tests that need it say so if not.
    public static var isBuilt: Bool {
        FileManager.default.isExecutableFile(atPath: executable())
    }

    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `branchwatch` with `arguments`; its stderr goes to `logPath` (appended to).
    public init(_ arguments: [String], logPath: String) throws {
        if !FileManager.default.fileExists(atPath: logPath) {
            FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try log.seekToEnd()
        process.executableURL = URL(fileURLWithPath: Self.executable())
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
        try log.close()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGKILL, SIGTERM…) to the process.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` seconds for the process to end; its exit status, or nil when it
    /// is still running or was ended by a signal.
    @discardableResult
    public func waitForExit(timeout: Double) -> Int32? {
        guard exited.wait(timeout: .now() + timeout) == .success else { return nil }
        exited.signal()
        guard process.terminationReason == .exit else { return nil }
        return process.terminationStatus
    }

    /// Whether the process ended, by exit or signal, within `timeout` seconds.
    public func hasEnded(within timeout: Double) -> Bool {
        guard exited.wait(timeout: .now() + timeout) == .success else { return false }
        exited.signal()
        return true
    }
}
