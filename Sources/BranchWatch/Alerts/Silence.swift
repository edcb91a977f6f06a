// A silence: who is muted (rule, branch, labels), until when, and why.

/// Mutes the delivery of matching alerts until `endsAt`; evaluation goes on regardless.
public struct Silence: Sendable, Equatable {
    public var id: Int64
    /// Rule name the alert must have; nil for any rule.
    public var rule: String?
    /// Branch ID the alert must have; nil for any branch.
    public var branch: String?
    /// Labels the alert must carry, each with exactly this value.
    public var labels: [String: String]
    /// Epoch seconds when the silence ends.
    public var endsAt: Double
    public var reason: String
    /// Who added it (the login name of the user who ran `silence add`).
    public var createdBy: String
    public var createdAt: Double
    /// When it was ended early with `silence expire`, if it was.
    public var expiredAt: Double?

    public init(
        id: Int64 = 0, rule: String? = nil, branch: String? = nil, labels: [String: String] = [:],
        endsAt: Double, reason: String, createdBy: String = "", createdAt: Double = 0,
        expiredAt: Double? = nil
    ) {
        self.id = id
        self.rule = rule
        self.branch = branch
        self.labels = labels
        self.endsAt = endsAt
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiredAt = expiredAt
    }

    /// True while the silence mutes: before its end and not expired.
    public func isActive(at now: Double) -> Bool {
        expiredAt == nil && now < endsAt
    }

    /// True when `event` has this silence's rule, branch and every one of its labels.
    public func matches(_ event: AlertEvent) -> Bool {
        if let rule, rule != event.rule { return false }
        if let branch, branch != event.branch { return false }
        return labels.allSatisfy { event.labels[$0.key] == $0.value }
    }

    /// `rule=sales-drop branch=B07 region=East`: what the silence matches.
    public var matchers: String {
        var parts: [String] = []
        if let rule { parts.append("rule=\(rule)") }
        if let branch { parts.append("branch=\(branch)") }
        parts += labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }
        return parts.joined(separator: " ")
    }
}
