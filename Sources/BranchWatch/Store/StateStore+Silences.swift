// Silences in the state database: added, listed and expired by the CLI, read by the engine.

extension StateStore {
    /// Stores `silence` and returns its id.
    public func addSilence(_ silence: Silence) throws(StoreError) -> Int64 {
        let labels = silence.labels.keys.sorted().map {
            Self.escapeLabel($0) + "=" + Self.escapeLabel(silence.labels[$0] ?? "")
        }.joined(separator: "\n")
        try database.prepare(
            "INSERT INTO silence (rule, branch, labels, ends_at, reason, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).run([
            silence.rule.map(SQLValue.text) ?? .null, silence.branch.map(SQLValue.text) ?? .null,
            .text(labels), .real(silence.endsAt), .text(silence.reason), .text(silence.createdBy),
            .real(silence.createdAt),
        ])
        let query = try database.prepare("SELECT last_insert_rowid()")
        _ = try query.step()
        return query.integer(0)
    }

    /// Silences that end after `since` and were not expired, soonest end first; with
    /// `includingEnded`, every silence ever added.
    public func silences(since: Double, includingEnded: Bool = false) throws(StoreError)
        -> [Silence]
    {
        let filter = includingEnded ? "" : "WHERE expired_at IS NULL AND ends_at > ? "
        let query = try database.prepare(
            "SELECT id, rule, branch, labels, ends_at, reason, created_by, created_at, "
                + "expired_at FROM silence \(filter)ORDER BY ends_at, id")
        try query.bind(includingEnded ? [] : [.real(since)])
        var found: [Silence] = []
        while try query.step() {
            found.append(
                Silence(
                    id: query.integer(0), rule: query.optionalText(1),
                    branch: query.optionalText(2), labels: Self.parseLabels(query.text(3)),
                    endsAt: query.real(4), reason: query.text(5), createdBy: query.text(6),
                    createdAt: query.real(7), expiredAt: query.optionalReal(8)))
        }
        return found
    }

    /// Ends silence `id` at `time`; false when there is no such silence still active.
    public func expireSilence(id: Int64, at time: Double) throws(StoreError) -> Bool {
        try database.prepare(
            "UPDATE silence SET expired_at = ? WHERE id = ? AND expired_at IS NULL AND ends_at > ?"
        ).run([.real(time), .integer(id), .real(time)])
        let query = try database.prepare("SELECT changes()")
        _ = try query.step()
        return query.integer(0) > 0
    }

    /// True when `branch` has reported any metric, so a silence on it can match.
    public func hasSeen(branch: String) throws(StoreError) -> Bool {
        let query = try database.prepare("SELECT 1 FROM series WHERE branch = ? LIMIT 1")
        try query.bind([.text(branch)])
        return try query.step()
    }

    // Labels are stored one `key=value` a line; a backslash escapes `\`, `=` and a line end.
    private static func escapeLabel(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("=", with: "\\=")
            .replacingAll("\n", with: "\\n")
    }

    private static func parseLabels(_ text: String) -> [String: String] {
        var labels: [String: String] = [:]
        for line in text.split(separator: "\n") {
            var key = ""
            var value = ""
            var escaped = false
            var inValue = false
            for character in line {
                if escaped {
                    let plain: Character = character == "n" ? "\n" : character
                    if inValue { value.append(plain) } else { key.append(plain) }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "=" && !inValue {
                    inValue = true
                } else if inValue {
                    value.append(character)
                } else {
                    key.append(character)
                }
            }
            labels[key] = value
        }
        return labels
    }
}

extension Statement {
    /// The text in `column`, or nil when it is NULL.
    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The number in `column`, or nil when it is NULL.
    func optionalReal(_ column: Int32) -> Double? {
        isNull(column) ? nil : real(column)
    }
}
