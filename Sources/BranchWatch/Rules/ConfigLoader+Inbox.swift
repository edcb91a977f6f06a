// Reads the `inbox:` section of the config: where drops land and how they are read.

extension ConfigLoader {
    static let inboxKeys =
        [
            "path", "encoding", "columns", "labels", "batch_rows", "max_row_size", "done_retention",
            "file_mode",
        ] + ingestExtraKeys

    /// The inbox folder, made relative to the config's folder; nil when it is missing.
    static func readInbox(_ top: MappingReader, base: String, log: DiagnosticLog) -> String? {
        guard let node = top.node("inbox") else {
            top.report(
                top.mark, "missing required key \"inbox\" (with \"path\": the folder drops land in)"
            )
            return nil
        }
        guard let inbox = MappingReader(node, file: top.file, what: "\"inbox\"", log: log) else {
            return nil
        }
        inbox.rejectUnknownKeys(allowed: inboxKeys)
        return inbox.string("path", required: true).map { Path.join(base, $0.text) }
    }

    /// The reading settings under `inbox:`; defaults for what is not given.
    static func readIngest(_ top: MappingReader, log: DiagnosticLog) -> IngestSettings {
        var settings = IngestSettings()
        // A missing or malformed `inbox` is reported by `readInbox`, so not again here.
        guard let node = top.node("inbox"), case .mapping = node,
            let inbox = MappingReader(node, file: top.file, what: "\"inbox\"", log: log)
        else { return settings }
        settings.encoding = readEncoding(inbox) ?? settings.encoding
        settings.columns = readColumns(inbox)
        settings.labelColumns = Set(inbox.names("labels", required: false).map(\.text))
        settings.batchRows = inbox.integer("batch_rows", in: 1...10_000_000) ?? settings.batchRows
        settings.maxRowBytes = readByteSize(inbox, "max_row_size") ?? settings.maxRowBytes
        settings.doneRetention = inbox.duration("done_retention", in: 0...(3650 * 86_400))
        readIngestExtras(inbox, into: &settings)
        settings.fileMode = readFileMode(inbox) ?? settings.fileMode
        return settings
    }

    /// `file_mode: "0640"`: octal read and write bits of the reports; folders get 0750.
    private static func readFileMode(_ inbox: MappingReader) -> FileMode? {
        guard let (text, mark) = inbox.string("file_mode") else { return nil }
        guard let mode = FileMode(octal: text) else {
            inbox.report(
                mark,
                "\"file_mode\" must be octal read and write bits including the owner's, such as "
                    + "\"0640\" (group may read) or \"0600\"; found \"\(text)\"")
            return nil
        }
        return mode
    }

    private static func readEncoding(_ inbox: MappingReader) -> DropEncoding? {
        guard let (name, mark) = inbox.string("encoding") else { return nil }
        guard let encoding = DropEncoding(rawValue: name.lowercased()) else {
            let names = DropEncoding.allCases.map(\.rawValue).joined(separator: ", ")
            inbox.report(mark, "unknown encoding \"\(name)\"; use one of: \(names)")
            return nil
        }
        return encoding
    }

    /// `columns:` maps an export's header names to ours, for example `日期: timestamp`.
    private static func readColumns(_ inbox: MappingReader) -> [String: String] {
        guard let node = inbox.node("columns") else { return [:] }
        guard case .mapping(let entries, _) = node else {
            inbox.report(
                node.mark,
                "\"columns\" must map export column names to ours (日期: timestamp), "
                    + "found \(node.kindName)")
            return [:]
        }
        var columns: [String: String] = [:]
        for entry in entries {
            guard case .scalar(let target, let mark) = entry.value, !target.trimmed.isEmpty else {
                inbox.report(
                    entry.value.mark,
                    "column \"\(entry.key)\" must map to one name such as timestamp, branch, "
                        + "metric, value, ignore, or a metric or label name")
                continue
            }
            if target.contains(",") || target.contains("\"") {
                inbox.report(mark, "column name \"\(target)\" may not hold commas or quotes")
            }
            columns[ColumnName.key(entry.key[...])] = target.trimmed
        }
        return columns
    }

    /// A size in bytes: a whole number, optionally with KiB, MiB (or KB, MB, k, M).
    private static func readByteSize(_ inbox: MappingReader, _ key: String) -> Int? {
        guard let (text, mark) = inbox.string(key) else { return nil }
        let units: [(String, Int)] = [
            ("kib", 1024), ("mib", 1 << 20), ("kb", 1000), ("mb", 1_000_000), ("k", 1024),
            ("m", 1 << 20), ("b", 1),
        ]
        let lowered = text.trimmed.lowercased()
        let unit = units.first { lowered.hasSuffix($0.0) } ?? ("", 1)
        let digits = lowered.dropLast(unit.0.count).trimmedSubstring
        guard let count = Int(digits), count > 0, count <= (1 << 30) / unit.1 else {
            inbox.report(
                mark,
                "\"\(key)\" must be a size such as 64KiB or 1MiB (up to 1GiB), found \"\(text)\"")
            return nil
        }
        let bytes = count * unit.1
        guard bytes >= 256 else {
            inbox.report(mark, "\"\(key)\" must be at least 256 bytes, found \"\(text)\"")
            return nil
        }
        return bytes
    }
}
