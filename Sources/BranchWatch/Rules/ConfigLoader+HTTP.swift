// Reads the config's `http` section: where the metrics and status endpoint listens.

extension ConfigLoader {
    static let httpKeys = ["listen"]

    /// `http: { listen: 127.0.0.1:9464 }`; nil (no endpoint) when the section is absent.
    static func readHTTP(_ top: MappingReader, log: DiagnosticLog) -> HTTPSettings? {
        guard let node = top.node("http") else { return nil }
        guard let reader = MappingReader(node, file: top.file, what: "\"http\"", log: log) else {
            return nil
        }
        reader.rejectUnknownKeys(allowed: httpKeys)
        guard let (text, mark) = reader.string("listen") else {
            return HTTPSettings(listen: HTTPSettings.defaultListen)
        }
        guard let settings = HTTPSettings(listen: text) else {
            reader.report(
                mark,
                "\"listen\" must be an IPv4 address and a port, like \(HTTPSettings.defaultListen)"
                    + "; found \"\(text)\"")
            return nil
        }
        return settings
    }
}
