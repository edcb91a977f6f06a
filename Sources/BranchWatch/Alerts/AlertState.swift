// The lifecycle of one (rule, branch, metric) alert: inactive, pending, firing.

/// Identifies one alert: a rule on one series. A rule that watches several
/// metrics keeps a separate alert for each, so one metric cannot resolve another's.
public struct AlertKey: Hashable, Sendable {
    public var rule: String
    public var series: SeriesKey

    public init(rule: String, series: SeriesKey) {
        self.rule = rule
        self.series = series
    }
}

/// Where one alert stands, and the events it emits as evaluations arrive.
public struct AlertState: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case inactive, pending, firing
    }

    /// What an evaluation changed that the outside world must hear about.
    public enum Transition: Sendable, Equatable {
        case fired
        case resolved
    }

    public var phase: Phase = .inactive
    /// Consecutive evaluations the condition has held.
    public var consecutive: Int = 0
    /// Timestamp of the sample that made the alert fire.
    public var firingSince: Int64 = 0

    public init(phase: Phase = .inactive, consecutive: Int = 0, firingSince: Int64 = 0) {
        self.phase = phase
        self.consecutive = consecutive
        self.firingSince = firingSince
    }

    /// Applies one evaluation at `timestamp`; fires once `forCount` in a row have held.
    /// While firing, `clears` (the clear condition, when the rule has one) decides when
    /// it resolves; without one, the condition no longer holding does.
    public mutating func observe(
        holds: Bool, clears: Bool? = nil, forCount: Int, at timestamp: Int64
    )
        -> Transition?
    {
        switch (phase, holds) {
        case (.firing, _) where !(clears ?? !holds):
            return nil
        case (.firing, _):
            self = AlertState()
            return .resolved
        case (_, false):
            self = AlertState()
            return nil
        case (_, true):
            consecutive += 1
            guard consecutive >= forCount else {
                phase = .pending
                return nil
            }
            phase = .firing
            firingSince = timestamp
            return .fired
        }
    }
}
