// Reads the "notifiers" section and the delivery limits of branchwatch.yaml.

extension ConfigLoader {
    static let notifierKeys = [
        "type", "url", "secret", "rate_per_minute", "format", "max_in_flight",
    ]

    static func readNotifiers(_ top: MappingReader, log: DiagnosticLog) -> [String: NotifierConfig]
    {
        guard let node = top.node("notifiers") else { return [:] }
        guard case .mapping(let entries, _) = node else {
            top.report(
                node.mark,
                "\"notifiers\" must map names to notifier settings, found \(node.kindName)")
            return [:]
        }
        var notifiers: [String: NotifierConfig] = [:]
        for entry in entries {
            guard
                let reader = MappingReader(
                    entry.value, file: top.file, what: "a notifier", log: log),
                let notifier = readNotifier(entry.key, reader)
            else { continue }
            notifiers[entry.key] = notifier
        }
        return notifiers
    }

    private static func readNotifier(_ name: String, _ reader: MappingReader) -> NotifierConfig? {
        reader.rejectUnknownKeys(allowed: notifierKeys)
        guard let (typeName, mark) = reader.string("type", required: true) else { return nil }
        guard let type = NotifierType(rawValue: typeName) else {
            let names = NotifierType.allCases.map(\.rawValue)
            let hint = nearestName(to: typeName, in: names).map { " (did you mean \"\($0)\"?)" }
            reader.report(
                mark,
                "unknown notifier type \"\(typeName)\"\(hint ?? ""); this version knows: "
                    + names.joined(separator: ", "))
            return nil
        }
        var notifier = NotifierConfig(
            name: name, type: type, url: readURL(reader, required: type != .console))
        notifier.secret = readSecret(reader, type: type)
        for key in ["url", "secret"] {
            guard let (_, mark) = reader.string(key) else { continue }
            notifier.origins[key] = "\(reader.file):\(mark.line):\(mark.column)"
        }
        notifier.ratePerMinute = reader.number("rate_per_minute", in: 0.01...100_000)
        if let limit = reader.number("max_in_flight", in: 1...64) {
            notifier.maxInFlight = Int(limit)
        }
        if let (format, mark) = reader.string("format") {
            if format != "markdown" && format != "text" {
                reader.report(mark, "\"format\" must be markdown or text, found \"\(format)\"")
            }
            notifier.plainText = format == "text"
        }
        return notifier
    }

    /// A literal http(s) URL, or a reference to one when the URL itself holds a token.
    private static func readURL(_ reader: MappingReader, required: Bool) -> String {
        guard let (text, mark) = reader.string("url", required: required) else { return "" }
        if SecretReference(text) != nil { return text }
        if let problem = WebhookURL.problem(text) {
            reader.report(
                mark,
                "\"url\" \(problem), or names where it is kept (env:NAME or credential:NAME); "
                    + "found \"\(SecretReference.redacted(text))\"")
        }
        return text
    }

    /// Signing secrets are never written in the config itself: only where to find them.
    private static func readSecret(_ reader: MappingReader, type: NotifierType) -> String? {
        guard let (text, mark) = reader.string("secret") else { return nil }
        guard SecretReference(text) != nil else {
            reader.report(
                mark,
                "\"secret\" must say where the secret is kept, as env:NAME (an environment "
                    + "variable) or credential:NAME (a systemd credential), not the secret itself")
            return nil
        }
        if !NotifierPlatform.forType(type).isSigned {
            reader.report(mark, "notifier type \(type.rawValue) does not sign; remove \"secret\"")
        }
        return text
    }

    /// The delivery keys beyond the basic timeouts: connect timeout and dead-letter age.
    static func readDeliveryLimits(_ reader: MappingReader, into settings: inout DeliverySettings) {
        settings.connectTimeout =
            reader.duration("connect_timeout", in: 0.1...600) ?? settings.connectTimeout
        settings.connectTimeout = min(settings.connectTimeout, settings.requestTimeout)
        settings.maximumAge =
            reader.duration("max_age", in: 1...(86_400 * 365)) ?? settings.maximumAge
    }
}
