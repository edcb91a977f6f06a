// A unix datagram socket that plays systemd's side of the sd_notify protocol in tests.
import Foundation
import Glibc

/// Binds `NOTIFY_SOCKET` in a test directory and collects the datagrams a service sends.
///
/// Owned by the test thread: `waitFor` reads the socket with `poll` and a deadline.
public final class NotifySocket {
    public let path: String
    private let descriptor: Int32
    /// Every message received so far, in order, each as its `KEY=value` lines.
    public private(set) var messages: [String] = []
    /// When each message arrived, in seconds since the reference date, by index.
    public private(set) var arrivals: [Double] = []

    public init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SinkError.socket(errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SinkError.socket(ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw SinkError.socket(errno) }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Receives until `done(messages)` holds or `timeout` seconds pass; returns whether it held.
    @discardableResult
    public func waitFor(timeout: Double = 10, _ done: ([String]) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !done(messages) {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
                arrivals.append(Date().timeIntervalSinceReferenceDate)
            }
        }
        return true
    }

    /// Waits for a message that has the assignment `line` (`READY=1`) after index `after`;
    /// returns its index.
    public func waitForMessage(with line: String, after: Int = -1, timeout: Double = 10) -> Int? {
        let found = waitFor(timeout: timeout) { messages in
            Self.index(of: line, in: messages, after: after) != nil
        }
        return found ? Self.index(of: line, in: messages, after: after) : nil
    }

    static func index(of line: String, in messages: [String], after: Int) -> Int? {
        messages.indices.first { index in
            index > after && messages[index].split(separator: "\n").contains { $0 == line }
        }
    }
}
