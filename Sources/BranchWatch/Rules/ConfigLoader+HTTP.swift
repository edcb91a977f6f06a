// Reads the config's `http` section: where the metrics and status endpoint listens.

extension ConfigLoader {
    static let httpKeys = ["listen", "allow_remote"]

    /// `http: { listen: 127.0.0.1:9464 }`; nil (no endpoint) when the section is absent.
    static func readHTTP(_ top: MappingReader, log: DiagnosticLog) -> HTTPSettings? {
        guard let node = top.node("http") else { return nil }
        guard let reader = MappingReader(node, file: top.file, what: "\"http\"", log: log) else {
            return nil
        }
        reader.rejectUnknownKeys(allowed: httpKeys)
        let allowRemote = readAllowRemote(reader)
        guard let (text, mark) = reader.string("listen") else {
            return HTTPSettings(listen: HTTPSettings.defaultListen)
        }
        guard var settings = HTTPSettings(listen: text) else {
            reader.report(
                mark,
                "\"listen\" must be an IPv4 address and a port, like \(HTTPSettings.defaultListen)"
                    + "; found \"\(text)\"")
            return nil
        }
        settings.allowRemote = allowRemote
        return settings
    }

    /// `allow_remote: true` or `false`; false when absent or not one of those.
    private static func readAllowRemote(_ reader: MappingReader) -> Bool {
        guard let (text, mark) = reader.string("allow_remote") else { return false }
        guard text == "true" || text == "false" else {
            reader.report(mark, "\"allow_remote\" must be true or false; found \"\(text)\"")
            return false
        }
        return text == "true"
    }
}
