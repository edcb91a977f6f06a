// Sends HTTP POSTs concurrently through libcurl's multi interface, collecting each as it ends.
import CCurl

/// One POST to send.
public struct HTTPRequest: Sendable, Equatable {
    public var url: String
    public var body: String
    /// Extra header lines, `Name: value`.
    public var headers: [String]

    public init(url: String, body: String, headers: [String] = []) {
        self.url = url
        self.body = body
        self.headers = headers
    }
}

/// A finished HTTP exchange.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: String
    /// Response headers by lowercased name; a repeated header keeps its last value.
    public var headers: [String: String] = [:]

    public init(status: Int, body: String, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }
}

/// A request that got no HTTP answer: connection refused, timeout, TLS failure.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String

    public var description: String { "\(message) (curl code \(code))" }
}

/// A libcurl multi handle with requests started one by one and collected as they finish.
///
/// The multi handle keeps its connection cache, so requests to the same host reuse
/// connections. Only http and https are allowed, redirects are not followed. Not
/// thread-safe: one owner starts and polls.
public final class HTTPTransport {
    private let multi: UnsafeMutableRawPointer
    /// Seconds allowed for connecting and for a whole request; new values apply to
    /// requests started afterwards.
    public var connectTimeout: Double
    public var totalTimeout: Double
    private var transfers: [Int: Transfer] = [:]

    /// A transport whose requests give up connecting after `connectTimeout` seconds and
    /// finishing after `totalTimeout` seconds.
    public init(connectTimeout: Double, totalTimeout: Double) {
        HTTPTransport.initializeLibrary
        // curl_multi_init fails only when libcurl cannot allocate; nothing can go on without it.
        guard let multi = curl_multi_init() else { preconditionFailure("curl_multi_init failed") }
        self.multi = multi
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 32)
    }

    deinit {
        _ = cancelAll()
        curl_multi_cleanup(multi)
    }

    /// `curl_global_init` once per process, before any handle exists.
    private static let initializeLibrary: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// How many requests are open.
    public var inFlight: Int { transfers.count }

    /// Starts `request`; its outcome comes out of `poll` under `tag`, which must be unused.
    public func start(_ request: HTTPRequest, tag: Int) {
        precondition(transfers[tag] == nil, "transfer tag \(tag) is already in flight")
        let transfer = Transfer(request)
        configure(transfer)
        transfers[tag] = transfer
        curl_multi_add_handle(multi, transfer.handle)
    }

    /// Drives the open requests for up to `seconds` (`curl_multi_perform`,
    /// `curl_multi_poll`), returning early when one finishes or `wake` becomes readable.
    /// The caller drains `wake` itself.
    public func poll(seconds: Double, wake: Int32? = nil) -> [(
        tag: Int, result: Result<HTTPResponse, TransportError>
    )] {
        var running: Int32 = 0
        curl_multi_perform(multi, &running)
        var finished = collectFinished()
        guard finished.isEmpty else { return finished }
        var extra =
            wake.map { [curl_waitfd(fd: $0, events: Int16(CURL_WAIT_POLLIN), revents: 0)] }
            ?? []
        let milliseconds = Int32(max(0, min(seconds, 3600)) * 1000)
        _ = extra.withUnsafeMutableBufferPointer { buffer in
            curl_multi_poll(
                multi, buffer.baseAddress, UInt32(buffer.count), milliseconds, nil)
        }
        curl_multi_perform(multi, &running)
        finished = collectFinished()
        return finished
    }

    /// Abandons every open request and returns their tags.
    public func cancelAll() -> [Int] {
        let tags = Array(transfers.keys)
        for transfer in transfers.values { curl_multi_remove_handle(multi, transfer.handle) }
        transfers = [:]
        return tags
    }

    /// Sends every request concurrently and waits for all; outcomes in the same order.
    public func send(_ requests: [HTTPRequest]) -> [Result<HTTPResponse, TransportError>] {
        var results: [Int: Result<HTTPResponse, TransportError>] = [:]
        let base = (transfers.keys.max() ?? 0) + 1
        for (index, request) in requests.enumerated() { start(request, tag: base + index) }
        while results.count < requests.count {
            for (tag, result) in poll(seconds: 1) { results[tag] = result }
        }
        return requests.indices.map {
            results[base + $0] ?? .failure(TransportError(code: -1, message: "not sent"))
        }
    }

    private func configure(_ transfer: Transfer) {
        let handle = transfer.handle
        ccurl_setopt_string(handle, CURLOPT_URL, transfer.request.url)
        // A URL read from the environment could name file://, ftp:// or gopher://; only web
        // requests are ever meant, and a redirect could lead anywhere.
        ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        ccurl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        ccurl_setopt_long(handle, CURLOPT_POST, 1)
        ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, transfer.request.body)
        ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, transfer.headerList)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(totalTimeout * 1000))
        ccurl_setopt_write(handle, collectBody)
        ccurl_setopt_header(handle, collectHeader)
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
    }

    /// The requests libcurl reports done (`curl_multi_info_read`), removed from the handle.
    private func collectFinished() -> [(tag: Int, result: Result<HTTPResponse, TransportError>)] {
        var done: [(tag: Int, result: Result<HTTPResponse, TransportError>)] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE else { continue }
            let handle = message.pointee.easy_handle
            guard let (tag, transfer) = transfers.first(where: { $0.value.handle == handle })
            else { continue }
            transfer.finish(code: message.pointee.data.result)
            curl_multi_remove_handle(multi, handle)
            transfers[tag] = nil
            done.append((tag, transfer.outcome()))
        }
        return done
    }
}

/// One request in flight: its easy handle, header list and what came back.
///
/// Touched only by the thread that owns the `HTTPTransport`.
private final class Transfer {
    let request: HTTPRequest
    let handle: UnsafeMutableRawPointer
    let headerList: UnsafeMutablePointer<curl_slist>?
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    var code: CURLcode?

    init(_ request: HTTPRequest) {
        self.request = request
        // curl_easy_init fails only when libcurl cannot allocate.
        guard let handle = curl_easy_init() else { preconditionFailure("curl_easy_init failed") }
        self.handle = handle
        var list = curl_slist_append(nil, "Content-Type: application/json; charset=utf-8")
        list = curl_slist_append(list, "User-Agent: branchwatch")
        for line in request.headers { list = curl_slist_append(list, line) }
        headerList = list
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    func finish(code: CURLcode) {
        self.code = code
    }

    func outcome() -> Result<HTTPResponse, TransportError> {
        let code = self.code ?? CURLE_FAILED_INIT
        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code))
            return .failure(TransportError(code: Int(code.rawValue), message: message))
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let text = String(decoding: body, as: UTF8.self)
        return .success(HTTPResponse(status: status, body: text, headers: headers))
    }

    /// Records one header line; a new status line (after a redirect or 100) starts afresh.
    func addHeader(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmed.lowercased()
        headers[name] = line[line.index(after: colon)...].trimmed
    }
}

/// libcurl's write callback: appends to the `Transfer` passed as user data, up to 64 KiB.
private let collectBody: ccurl_write_callback = { pointer, size, count, userData in
    let length = size * count
    guard let pointer, let userData else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    if transfer.body.count < 65_536 {
        transfer.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
    }
    return length
}

/// libcurl's header callback: called once per header line, line end included.
private let collectHeader: ccurl_write_callback = { pointer, size, count, userData in
    let length = size * count
    guard let pointer, let userData else { return length }
    let transfer = Unmanaged<Transfer>.fromOpaque(userData).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
    transfer.addHeader(String(decoding: bytes, as: UTF8.self))
    return length
}
