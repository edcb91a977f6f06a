// The real binary with its HTTP endpoint on a free loopback port, started over a prepared inbox.
import Foundation
import Glibc

/// A `branchwatch run` child whose inbox was filled before start, ready once systemd
/// would have heard READY (so every file already there is applied), with its port read
/// from the start-up log line.
public final class ObservedDaemon {
    public let process: DaemonProcess
    public let port: Int
    private let socket: NotifySocket

    /// Starts `branchwatch run --config configPath` and waits for READY.
    public init(configPath: String, directory: TemporaryDirectory) throws {
        socket = try NotifySocket(path: directory.path + "/notify.sock")
        process = try DaemonProcess(
            ["run", "--config", configPath], environment: ["NOTIFY_SOCKET": socket.path])
        guard socket.waitForMessage(with: "READY=1") != nil else {
            throw ObservedDaemonError.notReady(process.standardError)
        }
        // READY comes over the socket, the log line through a pipe: either may arrive first.
        process.waitForError(containing: "http listening")
        let pattern = #/http listening address=127\.0\.0\.1:(\d+)/#
        guard let match = process.standardError.firstMatch(of: pattern), let port = Int(match.1)
        else { throw ObservedDaemonError.noPort(process.standardError) }
        self.port = port
    }

    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// SIGTERM, and the exit status (nil when it did not exit in time).
    public func stop() -> Int32? {
        process.send(SIGTERM)
        return process.waitForExit(timeout: 20)
    }
}

public enum ObservedDaemonError: Error, CustomStringConvertible {
    case notReady(String)
    case noPort(String)

    public var description: String {
        switch self {
        case .notReady(let log): return "the daemon never said READY; its log:\n\(log)"
        case .noPort(let log): return "no \"http listening\" line in the log:\n\(log)"
        }
    }
}
