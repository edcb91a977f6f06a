// Where the loopback HTTP endpoint listens, from the config's `http` section.
import Glibc

/// The `http: { listen: 127.0.0.1:9464 }` setting; the endpoint is off without it.
public struct HTTPSettings: Sendable, Equatable {
    public static let defaultListen = "127.0.0.1:9464"

    /// An IPv4 address.
    public var host: String
    /// 0 picks a free port, which the start-up log line names.
    public var port: UInt16
    /// `allow_remote: true`: a listen address other than loopback is meant, so no warning.
    public var allowRemote = false

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Reads `host:port`; `localhost` means 127.0.0.1. Nil when it is not that shape.
    public init?(listen text: String) {
        guard let colon = text.lastIndex(of: ":"),
            let port = UInt16(text[text.index(after: colon)...])
        else { return nil }
        var host = String(text[..<colon])
        if host == "localhost" { host = "127.0.0.1" }
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else { return nil }
        self.init(host: host, port: port)
    }

    /// `host:port`.
    public var listen: String { "\(host):\(port)" }

    /// True for 127.0.0.0/8, which no other machine can reach.
    public var isLoopback: Bool { host.hasPrefix("127.") }
}
