// Runs a helper program (python3, chromium) to completion, for tests.
import Foundation
import Glibc

/// The result of a finished helper program.
public struct ToolResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

public enum ToolRun {
    /// Runs `program` (looked up on PATH) with `arguments`, feeding it `input`, and waits
    /// up to `timeout` seconds; a program still running then is killed.
    public static func run(
        _ program: String, _ arguments: [String], input: String = "", timeout: Double = 60
    ) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes to the end on other threads, so a full pipe cannot block the tool.
        let output = Collected(stdout.fileHandleForReading)
        let errors = Collected(stderr.fileHandleForReading)
        guard finished.wait(timeout: .now() + timeout) == .success else {
            kill(process.processIdentifier, SIGKILL)
            throw ToolError.timedOut(program)
        }
        return ToolResult(
            status: process.terminationStatus, output: output.text(), errors: errors.text())
    }

    /// True when `program` is on PATH.
    public static func exists(_ program: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(program)"], timeout: 10).status) == 0
    }
}

/// Everything read from a handle on a background thread until end of file.
private final class Collected: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Waits for end of file; `data` is written only before `done` is signalled.
    func text() -> String {
        done.wait()
        done.signal()
        return String(decoding: data, as: UTF8.self)
    }
}

public enum ToolError: Error, CustomStringConvertible {
    case timedOut(String)

    public var description: String {
        switch self {
        case .timedOut(let program): return "\(program) did not finish in time"
        }
    }
}
