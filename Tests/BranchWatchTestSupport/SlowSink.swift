// An HTTP server on 127.0.0.1 that answers each connection on its own thread after a delay,
// or never, and counts how many connections it held open at once.
import Foundation
import Glibc

/// Accepts every connection at once, reads the request, then answers 200 with `body`
/// after `delay` seconds; with a nil delay it holds the connection until `release()`
/// (answered) or `stop()` (dropped).
///
/// State is guarded by `condition`, so it may be used from any thread.
public final class SlowSink: @unchecked Sendable {
    public private(set) var port: UInt16 = 0
    private let listener: Int32
    private let delay: Double?
    private let body: String
    private let condition = NSCondition()
    private var paths: [String] = []
    private var requestBodies: [String] = []
    private var open = 0
    private var stopped = false
    private var released = false
    private var answered = 0
    /// The most connections that were open at the same time.
    public private(set) var peakOpen = 0

    public init(delay: Double?, body: String = "ok") throws {
        self.delay = delay
        self.body = body
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SinkError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(listener, $0, length) == 0, listen(listener, 64) == 0,
                    getsockname(listener, $0, &length) == 0
                else { throw SinkError.socket(errno) }
            }
        }
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    deinit {
        stop()
        close(listener)
    }

    public func url(_ path: String = "/hook") -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Request targets received so far, in arrival order.
    public var received: [String] {
        condition.lock()
        defer { condition.unlock() }
        return paths
    }

    /// Request bodies received so far, in arrival order.
    public var bodies: [String] {
        condition.lock()
        defer { condition.unlock() }
        return requestBodies
    }

    /// Waits until at least `count` requests arrived or `timeout` seconds passed.
    @discardableResult
    public func waitForRequests(_ count: Int, timeout: Double = 10) -> Int {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while paths.count < count && condition.wait(until: deadline) {}
        return paths.count
    }

    /// Answers every connection held now or later, at once.
    public func release() {
        condition.lock()
        released = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until at least `count` answers were sent or `timeout` seconds passed; true
    /// when they were.
    public func waitForAnswers(_ count: Int, timeout: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while answered < count && condition.wait(until: deadline) {}
        return answered >= count
    }

    /// Stops accepting and lets every held connection go without an answer.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in
                serve(connection)
                close(connection)
            }.start()
        }
    }

    private func serve(_ connection: Int32) {
        condition.lock()
        open += 1
        peakOpen = max(peakOpen, open)
        condition.unlock()
        // A request stops counting as open just before its answer goes out: once the
        // client has the answer it may start the next one before this thread closes up.
        var counted = true
        func finish() {
            guard counted else { return }
            counted = false
            condition.lock()
            open -= 1
            condition.unlock()
        }
        defer { finish() }
        guard let (target, body) = readRequest(connection) else { return }
        condition.lock()
        paths.append(target)
        requestBodies.append(body)
        condition.broadcast()
        if let delay {
            let until = Date(timeIntervalSinceNow: delay)
            while !stopped && condition.wait(until: until) {}
        } else {
            // NSCondition.wait(until: .distantFuture) overflows on Linux: wait unbounded.
            while !stopped && !released { condition.wait() }
        }
        let answer = !stopped
        condition.unlock()
        guard answer else { return }
        finish()
        let response =
            "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n\(body)"
        _ = response.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        condition.lock()
        answered += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Reads up to the end of the headers and the body they announce; returns the target
    /// and the body.
    private func readRequest(_ connection: Int32) -> (String, String)? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            if let end = data.firstRange(of: [13, 10, 13, 10]) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
                let length =
                    head.split(separator: "\r\n")
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                if data.count - end.upperBound >= length {
                    let target = head.split(separator: " ").dropFirst().first.map(String.init)
                    let body = data[end.upperBound..<end.upperBound + length]
                    return target.map { ($0, String(decoding: body, as: UTF8.self)) }
                }
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}
