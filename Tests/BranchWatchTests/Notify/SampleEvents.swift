// Fixed alert events for payload and delivery tests.
@testable import BranchWatch

enum SampleEvents {
    /// A firing alert at branch B07 on 2024-03-11T00:00:00Z, with characters that need escaping.
    static let firing = AlertEvent(
        status: .firing, rule: "sales-jump", severity: .critical, branch: "B07",
        metric: "sales", value: 60, expected: 10.25, z: 4.26, pctChange: 4.853,
        timestamp: 1_710_115_200, message: "B07 sold 60, expected 10.25 \"high\"",
        labels: ["region": "north"])

    /// The same alert resolving a day later.
    static let resolved = AlertEvent(
        status: .resolved, rule: "sales-jump", severity: .critical, branch: "B07",
        metric: "sales", value: 10, expected: 12, z: -0.5, pctChange: -0.1667,
        timestamp: 1_710_201_600, message: "resolved: B07 sold 10, expected 12", labels: [:])

    /// `count` firing events of one rule at branches B0001, B0002, …
    static func group(_ count: Int, message: String = "sales fell") -> [AlertEvent] {
        (1...count).map { index in
            var event = firing
            event.branch =
                "B" + String(repeating: "0", count: max(0, 4 - String(index).count)) + "\(index)"
            event.message = message
            return event
        }
    }
}
