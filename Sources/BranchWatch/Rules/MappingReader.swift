// Typed, position-aware reads of one YAML mapping, reporting problems to a DiagnosticLog.

/// Reads the keys of one YAML mapping and reports what is missing, unknown or mistyped.
struct MappingReader {
    let file: String
    let mark: SourceMark
    private let entries: [(key: String, keyMark: SourceMark, value: YAMLNode)]
    private let log: DiagnosticLog

    /// Nil, with a diagnostic, when `node` is not a mapping.
    init?(_ node: YAMLNode, file: String, what: String, log: DiagnosticLog) {
        guard case .mapping(let entries, let mark) = node else {
            log.add(
                file, node.mark,
                "\(what) must be a mapping of keys to values, found \(node.kindName)")
            return nil
        }
        self.file = file
        self.mark = mark
        self.entries = entries
        self.log = log
    }

    /// Reports each key not in `allowed`, suggesting the nearest one.
    func rejectUnknownKeys(allowed: [String]) {
        for entry in entries where !allowed.contains(entry.key) {
            var message = "unknown key \"\(entry.key)\""
            if let suggestion = nearestName(to: entry.key, in: allowed) {
                message += " (did you mean \"\(suggestion)\"?)"
            } else {
                message += "; allowed keys: " + allowed.joined(separator: ", ")
            }
            log.add(file, entry.keyMark, message)
        }
    }

    func node(_ key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }

    /// The scalar under `key`; a diagnostic when it is missing (and `required`) or not a scalar.
    func string(_ key: String, required: Bool = false) -> (text: String, mark: SourceMark)? {
        guard let value = node(key) else {
            if required { log.add(file, mark, "missing required key \"\(key)\"") }
            return nil
        }
        guard case .scalar(let text, let mark) = value else {
            log.add(file, value.mark, "\"\(key)\" must be a single value, found \(value.kindName)")
            return nil
        }
        return (text, mark)
    }

    /// A number under `key`, which may be written as a percentage (`1%` is 0.01).
    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        value(key, parse: parseNumber, in: range) {
            let lower = MappingReader.shown(range.lowerBound)
            guard range.upperBound < .greatestFiniteMagnitude else {
                return "must be a number of at least \(lower) (no upper limit)"
            }
            return "must be a number from \(lower) to \(MappingReader.shown(range.upperBound))"
        }
    }

    /// A duration under `key` in seconds: a plain number of seconds or one with a unit
    /// (`500ms`, `30s`, `2m`, `6h`, `1d`).
    func duration(_ key: String, in range: ClosedRange<Double>) -> Double? {
        value(key, parse: DurationText.seconds, in: range) {
            "must be a duration such as 30s, 2m or 1h, from "
                + "\(DurationText.describe(range.lowerBound)) to "
                + "\(DurationText.describe(range.upperBound))"
        }
    }

    /// A duration under `key` that must carry its unit: in detector settings a plain
    /// number is as likely meant in days as in seconds, so it is refused with a hint.
    func durationWithUnit(_ key: String, in range: ClosedRange<Double>) -> Double? {
        if let (text, mark) = string(key), Double(text) != nil {
            log.add(
                file, mark,
                "\"\(key)\" needs a unit: write \(text)d for days (or \(text)h, \(text)m, "
                    + "\(text)s), found \"\(text)\"")
            return nil
        }
        return duration(key, in: range)
    }

    /// A fraction under `key` written as a percentage (`5%`) or a plain fraction (`0.05`).
    /// A plain number above 1 is refused: `5` would read as 500%, and that is rarely meant.
    func percentage(_ key: String, in range: ClosedRange<Double>) -> Double? {
        if let (text, mark) = string(key), let plain = Double(text), plain > 1 {
            log.add(
                file, mark,
                "\"\(key)\" is \(text) without a % sign, which reads as "
                    + "\(MappingReader.shown(plain * 100))%; write "
                    + "\(text)% (or the fraction \(MappingReader.shown(plain / 100)))")
            return nil
        }
        return value(key, parse: parseNumber, in: range) {
            "must be a percentage from \(MappingReader.shown(range.lowerBound * 100))% to "
                + "\(MappingReader.shown(range.upperBound * 100))%"
        }
    }

    /// A whole number under `key`.
    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        value(key, parse: { Int($0) }, in: range) {
            "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        }
    }

    /// The scalar under `key` read by `parse` and checked against `range`; when either
    /// fails, a diagnostic says the key `requirement` and what was found.
    private func value<T: Comparable>(
        _ key: String, parse: (String) -> T?, in range: ClosedRange<T>,
        requirement: () -> String
    ) -> T? {
        guard let (text, mark) = string(key) else { return nil }
        guard let value = parse(text), range.contains(value) else {
            log.add(file, mark, "\"\(key)\" \(requirement()), found \"\(text)\"")
            return nil
        }
        return value
    }

    /// One name or a list of names under `key`.
    func names(_ key: String, required: Bool) -> [(text: String, mark: SourceMark)] {
        guard let value = node(key) else {
            if required { log.add(file, mark, "missing required key \"\(key)\"") }
            return []
        }
        switch value {
        case .scalar(let text, let mark):
            return [(text, mark)]
        case .sequence(let items, _):
            return items.compactMap { item in
                guard case .scalar(let text, let mark) = item else {
                    log.add(
                        file, item.mark,
                        "each entry of \"\(key)\" must be a name, found \(item.kindName)")
                    return nil
                }
                return (text, mark)
            }
        case .mapping:
            log.add(
                file, value.mark, "\"\(key)\" must be a name or a list of names, found a mapping")
            return []
        }
    }

    func report(_ mark: SourceMark, _ message: String) {
        log.add(file, mark, message)
    }

    /// A likely mistake that does not stop the config from loading.
    func warn(_ mark: SourceMark, _ message: String) {
        log.warn(file, mark, message)
    }

    /// A range bound for messages: `0.0001`, `400`, never `1e-06` or `400.0`.
    static func shown(_ value: Double) -> String {
        NumberFormat.plain(value, decimals: 9)
    }

    private func parseNumber(_ text: String) -> Double? {
        guard text.hasSuffix("%") else { return Double(text) }
        return Double(text.dropLast()).map { $0 / 100 }
    }
}
