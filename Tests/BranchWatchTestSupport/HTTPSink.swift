// A real HTTP server on 127.0.0.1 that records what notifiers post to it.
import Foundation
import Glibc

/// One request the sink received.
public struct ReceivedRequest: Sendable {
    /// The request target: path and query string.
    public var path: String
    public var body: String
    /// Request headers by lowercased name.
    public var headers: [String: String] = [:]
    /// What the sink answered.
    public var answer = ScriptedResponse(status: 200)
    /// When it arrived, in seconds since the sink started.
    public var receivedAt: Double = 0

    /// The path without its query string.
    public var route: String {
        String(path.prefix { $0 != "?" })
    }

    /// The value of query parameter `name`, still percent-encoded.
    public func query(_ name: String) -> String? {
        guard let start = path.firstIndex(of: "?") else { return nil }
        for pair in path[path.index(after: start)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    /// The body parsed as a JSON object, or nil.
    public var json: [String: Any]? {
        guard let data = body.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

/// An answer the sink gives: status, extra headers and body.
public struct ScriptedResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String]
    public var body: String

    /// `body` defaults to `ok` for 2xx and `error` otherwise.
    public init(status: Int, headers: [String] = [], body: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body ?? ((200..<300).contains(status) ? "ok" : "error")
    }
}

/// Listens on 127.0.0.1 on a free port, answers requests from a script (per route) or with
/// a set status, and records the requests and its answers. Tests wait with a deadline.
///
/// Created with `listening: false`, the port is bound but not listening, so connections
/// to it are refused until `startListening()`.
///
/// State is guarded by `condition`, so it may be used from any thread.
public final class HTTPSink: @unchecked Sendable {
    public private(set) var port: UInt16 = 0
    private let listener: Int32
    private let condition = NSCondition()
    private var received: [ReceivedRequest] = []
    private var status = 200
    private var scripts: [String: [ScriptedResponse]] = [:]
    private var defaults: [String: ScriptedResponse] = [:]
    private var thread: Thread?
    private let started = Date()

    public convenience init() throws {
        try self.init(listening: true)
    }

    public init(listening: Bool) throws {
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
        port = boundPort()
        if listening { try startListening() }
    }

    /// Starts accepting connections; until then they are refused.
    public func startListening() throws {
        guard listen(listener, 16) == 0 else { throw SinkError.socket(errno) }
        let thread = Thread { [self] in serve() }
        thread.start()
        self.thread = thread
    }

    /// Answers the next requests to `route` (a path without query) with `responses`, in order;
    /// once they are used up, with the route's default.
    public func script(_ route: String, _ responses: [ScriptedResponse]) {
        condition.lock()
        scripts[route, default: []] += responses
        condition.unlock()
    }

    /// The answer for `route` once its script is used up (otherwise the set status).
    public func setDefault(_ route: String, _ response: ScriptedResponse) {
        condition.lock()
        defaults[route] = response
        condition.unlock()
    }

    /// Waits until `predicate` holds for the requests so far, or `timeout` seconds pass;
    /// returns the requests either way.
    public func wait(
        timeout: Double = 10, until predicate: ([ReceivedRequest]) -> Bool
    ) -> [ReceivedRequest] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(received) && condition.wait(until: deadline) {}
        return received
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
        guard let (head, body) = readRequest(connection) else { return }
        var request = ReceivedRequest(path: requestTarget(head), body: body)
        request.headers = headerFields(head)
        request.receivedAt = Date().timeIntervalSince(started)
        condition.lock()
        request.answer = nextAnswer(for: request.route)
        received.append(request)
        condition.broadcast()
        condition.unlock()
        let answer = request.answer
        let extra = answer.headers.map { $0 + "\r\n" }.joined()
        let response =
            "HTTP/1.1 \(answer.status) X\r\nContent-Length: \(answer.body.utf8.count)\r\n"
            + extra + "Connection: close\r\n\r\n\(answer.body)"
        _ = response.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// The scripted answer for `route`, else its default, else the set status; call locked.
    private func nextAnswer(for route: String) -> ScriptedResponse {
        if var queue = scripts[route], !queue.isEmpty {
            let next = queue.removeFirst()
            scripts[route] = queue
            return next
        }
        return defaults[route] ?? ScriptedResponse(status: status)
    }

    private func requestTarget(_ head: String) -> String {
        head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
    }

    private func headerFields(_ head: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
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
                    return (head, body)
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
