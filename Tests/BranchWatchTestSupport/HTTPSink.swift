// A real HTTP server on 127.0.0.1 that records what notifiers post to it.
import Foundation
import Glibc

/// One request the sink received.
public struct ReceivedRequest: Sendable {
    public var path: String
    public var body: String

    /// The body parsed as a JSON object, or nil.
    public var json: [String: Any]? {
        guard let data = body.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

/// Listens on 127.0.0.1 on a free port, answers every request with a set status,
/// and records the requests. Tests wait on `waitForRequests` with a deadline.
///
/// State is guarded by `condition`, so it may be used from any thread.
public final class HTTPSink: @unchecked Sendable {
    public private(set) var port: UInt16 = 0
    private let listener: Int32
    private let condition = NSCondition()
    private var received: [ReceivedRequest] = []
    private var status = 200
    private var thread: Thread?

    public init() throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SinkError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 else {
                    throw SinkError.socket(errno)
                }
            }
        }
        guard listen(listener, 16) == 0 else { throw SinkError.socket(errno) }
        port = boundPort()
        let thread = Thread { [self] in serve() }
        thread.start()
        self.thread = thread
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Stops accepting connections.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    public func url(_ path: String = "/hook") -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// The status every later request is answered with.
    public func respond(with status: Int) {
        condition.lock()
        self.status = status
        condition.unlock()
    }

    public var requests: [ReceivedRequest] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    /// Waits until at least `count` requests arrived or `timeout` seconds passed; returns them.
    public func waitForRequests(_ count: Int, timeout: Double = 10) -> [ReceivedRequest] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while received.count < count && condition.wait(until: deadline) {}
        return received
    }

    private func boundPort() -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(listener, $0, &length)
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        guard let (path, body) = readRequest(connection) else { return }
        condition.lock()
        received.append(ReceivedRequest(path: path, body: body))
        let status = self.status
        condition.broadcast()
        condition.unlock()
        let answer = status == 200 ? "ok" : "error"
        let response =
            "HTTP/1.1 \(status) X\r\nContent-Length: \(answer.utf8.count)\r\n"
            + "Connection: close\r\n\r\n\(answer)"
        _ = response.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// Reads one request: headers up to the blank line, then Content-Length bytes of body.
    private func readRequest(_ connection: Int32) -> (String, String)? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = data.firstRange(of: separator) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
                let length = contentLength(head)
                if data.count - end.upperBound >= length {
                    let body = String(
                        decoding: data[end.upperBound..<end.upperBound + length], as: UTF8.self)
                    let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
                    return (path, body)
                }
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    private func contentLength(_ head: String) -> Int {
        for line in head.split(separator: "\r\n")
        where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                ?? 0
        }
        return 0
    }
}

public enum SinkError: Error {
    case socket(Int32)
}
