// Who each outbox message is about (rule, branch, labels), for silences checked at send time.

/// One alert a queued message tells of, as a silence sees it.
public struct OutboxSubject: Sendable, Equatable, Hashable {
    public var rule: String
    public var branch: String
    public var labels: [String: String]

    public init(rule: String, branch: String, labels: [String: String]) {
        self.rule = rule
        self.branch = branch
        self.labels = labels
    }

    /// True when `silence` has this subject's rule, branch and every one of its labels.
    func isMuted(by silence: Silence) -> Bool {
        if let rule = silence.rule, rule != self.rule { return false }
        if let branch = silence.branch, branch != self.branch { return false }
        return silence.labels.allSatisfy { labels[$0.key] == $0.value }
    }
}

extension StateStore {
    /// Records the alerts the message queued as (`eventKey`, `notifier`) is about; call in
    /// the transaction that queued it. Rows go when the message leaves the outbox.
    public func recordSubjects(
        eventKey: String, notifier: String, subjects: [OutboxSubject]
    ) throws(StoreError) {
        let insert = try database.prepare(
            "INSERT OR IGNORE INTO outbox_subject (outbox_id, rule, branch, labels) "
                + "SELECT id, ?, ?, ? FROM outbox WHERE event_key = ? AND notifier = ?")
        for subject in subjects {
            try insert.run([
                .text(subject.rule), .text(subject.branch),
                .text(Self.encodeSubjectLabels(subject.labels)), .text(eventKey),
                .text(notifier),
            ])
        }
    }

    /// What outbox message `id` is about; empty for messages queued before subjects were
    /// recorded.
    public func subjects(ofOutbox id: Int64) throws(StoreError) -> [OutboxSubject] {
        let query = try database.prepare(
            "SELECT rule, branch, labels FROM outbox_subject WHERE outbox_id = ?")
        try query.bind([.integer(id)])
        var found: [OutboxSubject] = []
        while try query.step() {
            found.append(
                OutboxSubject(
                    rule: query.text(0), branch: query.text(1),
                    labels: Self.decodeSubjectLabels(query.text(2))))
        }
        return found
    }

    /// `key=value` lines with `%`, `=` and line ends percent-escaped.
    static func encodeSubjectLabels(_ labels: [String: String]) -> String {
        labels.keys.sorted().map { "\(escape($0))=\(escape(labels[$0] ?? ""))" }
            .joined(separator: "\n")
    }

    static func decodeSubjectLabels(_ text: String) -> [String: String] {
        var labels: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            labels[unescape(parts[0])] = unescape(parts[1])
        }
        return labels
    }

    private static func escape(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("=", with: "%3D")
            .replacingAll("\n", with: "%0A")
    }

    private static func unescape(_ text: Substring) -> String {
        String(text).replacingAll("%0A", with: "\n").replacingAll("%3D", with: "=")
            .replacingAll("%25", with: "%")
    }
}
