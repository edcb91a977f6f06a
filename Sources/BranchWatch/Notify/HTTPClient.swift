// POSTs JSON with libcurl's easy interface, reusing one handle and its connections.
import CCurl

/// A finished HTTP exchange.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: String
}

/// A request that got no HTTP answer: connection refused, timeout, TLS failure.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var message: String

    public var description: String { "\(message) (curl code \(code))" }
}

/// One libcurl easy handle. Not thread-safe: one owner sends at a time.
///
/// Limitation: requests go one at a time; a slow notifier delays the others. The
/// multi interface would send to several notifiers at once.
public final class HTTPClient {
    private let handle: UnsafeMutableRawPointer
    private let timeout: Double

    /// A client whose requests give up after `timeout` seconds (connect and total).
    public init(timeout: Double) {
        HTTPClient.initializeLibrary
        // curl_easy_init fails only when libcurl cannot allocate; nothing can go on without it.
        guard let handle = curl_easy_init() else { preconditionFailure("curl_easy_init failed") }
        self.handle = handle
        self.timeout = timeout
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// `curl_global_init` once per process, before any handle exists.
    private static let initializeLibrary: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// POSTs `body` as JSON to `url` and returns the answer, whatever its status.
    public func postJSON(_ url: String, body: String) throws(TransportError) -> HTTPResponse {
        let sink = ResponseSink()
        var headers: UnsafeMutablePointer<curl_slist>? = curl_slist_append(
            nil, "Content-Type: application/json")
        headers = curl_slist_append(headers, "User-Agent: branchwatch")
        defer { curl_slist_free_all(headers) }
        let milliseconds = Int(timeout * 1000)
        ccurl_setopt_string(handle, CURLOPT_URL, url)
        ccurl_setopt_long(handle, CURLOPT_POST, 1)
        ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, body)
        ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        ccurl_setopt_write(handle, collectResponse)
        ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            throw TransportError(
                code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, body: String(decoding: sink.bytes, as: UTF8.self))
    }
}

/// Collects a response body; lives only for one request on the sending thread.
private final class ResponseSink {
    var bytes: [UInt8] = []
}

/// libcurl's write callback: appends to the `ResponseSink` passed as user data, up to 64 KiB.
private let collectResponse: ccurl_write_callback = { pointer, size, count, userData in
    let length = size * count
    guard let pointer, let userData else { return length }
    let sink = Unmanaged<ResponseSink>.fromOpaque(userData).takeUnretainedValue()
    if sink.bytes.count < 65_536 {
        sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
    }
    return length
}
