// A small HTTP server for GET endpoints, served by libmicrohttpd on its own thread.
import CMicroHTTPD
import Glibc
import Synchronization

/// What a client asked for: the method and the path without its query string.
public struct IncomingRequest: Sendable, Equatable {
    public var method: String
    public var path: String
}

/// A whole response, built before it is sent.
public struct HTTPReply: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [String: String] = [:]

    public init(status: Int, contentType: String, body: String, headers: [String: String] = [:]) {
        self.status = status
        self.contentType = contentType
        self.body = Array(body.utf8)
        self.headers = headers
    }
}

/// Listens on one IPv4 address and answers every request through `handler`.
///
/// libmicrohttpd runs the handler on its own polling thread, one request at a time, so the
/// handler must only read state that is safe to read from another thread. Stops in `stop`
/// or when the object goes away.
public final class HTTPServer: Sendable {
    /// The bound port; differs from the asked one when that was 0.
    public let port: UInt16
    public let host: String
    private let daemon: MHDHandle
    private let routes: Routes

    /// Binds `host:port` and starts serving; `port` 0 picks a free port.
    public init(
        host: String, port: UInt16, handler: @escaping @Sendable (IncomingRequest) -> HTTPReply
    )
        throws(SystemError)
    {
        let socket = try HTTPServer.listen(host: host, port: port)
        routes = Routes(handler)
        self.host = host
        self.port = HTTPServer.boundPort(socket)
        let context = Unmanaged.passUnretained(routes).toOpaque()
        guard let started = cmhd_start(answer, context, socket, 32, 10) else {
            close(socket)
            throw SystemError(call: "MHD_start_daemon", path: "\(host):\(port)", errno: errno)
        }
        daemon = MHDHandle(started)
    }

    /// Closes the socket and waits for MHD's thread to finish the request in hand.
    public func stop() {
        daemon.stop()
    }

    /// A bound, listening TCP socket; errors name the call and the address.
    private static func listen(host: String, port: UInt16) throws(SystemError) -> Int32 {
        let place = "\(host):\(port)"
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw SystemError(call: "socket", path: place, errno: errno) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(socket)
            throw SystemError(call: "inet_pton", path: place, errno: EINVAL)
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(socket, 64) == 0 else {
            let code = errno
            close(socket)
            throw SystemError(call: "bind", path: place, errno: code)
        }
        return socket
    }

    private static func boundPort(_ socket: Int32) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socket, $0, &length)
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// The handler MHD's thread calls through the context pointer.
private final class Routes: Sendable {
    let handle: @Sendable (IncomingRequest) -> HTTPReply

    init(_ handle: @escaping @Sendable (IncomingRequest) -> HTTPReply) {
        self.handle = handle
    }
}

/// Owns the `MHD_Daemon`.
///
/// `@unchecked Sendable`: the pointer never changes, and the only call made with it,
/// `MHD_stop_daemon`, runs once, guarded by the mutex-held flag.
private final class MHDHandle: @unchecked Sendable {
    private let pointer: OpaquePointer
    private let isStopped = Mutex(false)

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        stop()
    }

    func stop() {
        isStopped.withLock { isStopped in
            guard !isStopped else { return }
            MHD_stop_daemon(pointer)
            isStopped = true
        }
    }
}

/// libmicrohttpd's access handler: answers each request on its first call, whatever the
/// method, and throws away any upload (the endpoints take no body).
private let answer: MHD_AccessHandlerCallback = {
    context, connection, url, method, _, _, uploadSize, _ in
    guard let context, let connection, let url, let method else { return cmhd_no() }
    if let uploadSize, uploadSize.pointee > 0 {
        uploadSize.pointee = 0
        return cmhd_yes()
    }
    let routes = Unmanaged<Routes>.fromOpaque(context).takeUnretainedValue()
    let reply = routes.handle(
        IncomingRequest(method: String(cString: method), path: String(cString: url)))
    return send(reply, on: connection)
}

/// Queues `reply` on `connection`; MHD copies the body, then the response is released.
private func send(_ reply: HTTPReply, on connection: OpaquePointer) -> MHD_Result {
    let response = reply.body.withUnsafeBytes { cmhd_response_copy($0.count, $0.baseAddress) }
    guard let response else { return cmhd_no() }
    defer { MHD_destroy_response(response) }
    MHD_add_response_header(response, "Content-Type", reply.contentType)
    for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) {
        MHD_add_response_header(response, name, value)
    }
    return MHD_queue_response(connection, UInt32(reply.status), response)
}
