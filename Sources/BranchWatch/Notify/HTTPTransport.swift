// Sends batches of HTTP POSTs concurrently through libcurl's multi interface.
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

/// A libcurl multi handle that sends each batch of requests at once.
///
/// The multi handle keeps its connection cache between batches, so requests to the same
/// host reuse connections. Not thread-safe: one owner sends at a time.
public final class HTTPTransport {
    private let multi: UnsafeMutableRawPointer
    private let connectTimeout: Double
    private let totalTimeout: Double

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
        curl_multi_cleanup(multi)
    }

    /// `curl_global_init` once per process, before any handle exists.
    private static let initializeLibrary: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Sends every request concurrently and returns their outcomes in the same order.
    public func send(_ requests: [HTTPRequest]) -> [Result<HTTPResponse, TransportError>] {
        let transfers = requests.map { Transfer($0) }
        for transfer in transfers {
            configure(transfer)
            curl_multi_add_handle(multi, transfer.handle)
        }
        withExtendedLifetime(transfers) { runUntilDone(transfers) }
        return transfers.map { transfer in
            curl_multi_remove_handle(multi, transfer.handle)
            return transfer.outcome()
        }
    }

    private func configure(_ transfer: Transfer) {
        let handle = transfer.handle
        ccurl_setopt_string(handle, CURLOPT_URL, transfer.request.url)
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

    /// Drives the transfers (`curl_multi_perform`, `curl_multi_poll`) until all are done.
    private func runUntilDone(_ transfers: [Transfer]) {
        var running: Int32 = 1
        while running > 0 {
            curl_multi_perform(multi, &running)
            collectFinished(transfers)
            if running > 0 { curl_multi_poll(multi, nil, 0, 1000, nil) }
        }
        collectFinished(transfers)
    }

    private func collectFinished(_ transfers: [Transfer]) {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE else { continue }
            let handle = message.pointee.easy_handle
            guard let transfer = transfers.first(where: { $0.handle == handle }) else { continue }
            transfer.finish(code: message.pointee.data.result)
        }
    }
}

/// One request in flight: its easy handle, header list and what came back.
///
/// Touched only by the thread running `HTTPTransport.send`.
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
