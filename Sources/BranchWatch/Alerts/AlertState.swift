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

/// When a rule's alert fires and how often it reminds, in data time (sample timestamps).
public struct AlertTiming: Sendable, Equatable {
    /// Consecutive evaluations the condition must hold before the alert fires.
    public var forCount: Int = 1
    /// Seconds the condition must have held, on every evaluation, before the alert fires.
    public var forDuration: Int64? = nil
    /// While firing, remind after this many seconds since the last message.
    public var repeatInterval: Int64? = nil

    public init(forCount: Int = 1, forDuration: Int64? = nil, repeatInterval: Int64? = nil) {
        self.forCount = forCount
        self.forDuration = forDuration
        self.repeatInterval = repeatInterval
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
        /// Still firing, and `repeat` has passed since the last message.
        case reminded
        /// Still firing, and its firing message was muted: offered for delivery again.
        case retried
        case resolved
    }

    public var phase: Phase = .inactive
    /// Consecutive evaluations the condition has held.
    public var consecutive: Int = 0
    /// Timestamp of the sample that made the alert fire.
    public var firingSince: Int64 = 0
    /// Timestamp of the first of the consecutive evaluations that held.
    public var pendingSince: Int64 = 0
    /// Timestamp of the sample of the last firing message or reminder.
    public var lastSent: Int64 = 0
    /// While firing: its firing message was muted (a silence, inhibition) and has not gone
    /// out, so each evaluation offers it again, and its resolution is muted too.
    public var isMuted = false

    public init(
        phase: Phase = .inactive, consecutive: Int = 0, firingSince: Int64 = 0,
        pendingSince: Int64 = 0, lastSent: Int64 = 0
    ) {
        self.phase = phase
        self.consecutive = consecutive
        self.firingSince = firingSince
        self.pendingSince = pendingSince
        self.lastSent = lastSent
    }

    /// Applies one evaluation at `timestamp`; fires once `forCount` in a row have held.
    /// While firing, `clears` (the clear condition, when the rule has one) decides when
    /// it resolves; without one, the condition no longer holding does.
    public mutating func observe(
        holds: Bool, clears: Bool? = nil, forCount: Int, at timestamp: Int64
    ) -> Transition? {
        observe(
            holds: holds, clears: clears, timing: AlertTiming(forCount: forCount), at: timestamp)
    }

    /// Applies one evaluation at `timestamp` under `timing`.
    public mutating func observe(
        holds: Bool, clears: Bool?, timing: AlertTiming, at timestamp: Int64
    ) -> Transition? {
        if phase == .firing {
            if clears ?? !holds {
                self = AlertState()
                return .resolved
            }
            if isMuted {
                lastSent = timestamp
                return .retried
            }
            guard let interval = timing.repeatInterval, timestamp - lastSent >= interval else {
                return nil
            }
            lastSent = timestamp
            return .reminded
        }
        guard holds else {
            self = AlertState()
            return nil
        }
        consecutive += 1
        if consecutive == 1 { pendingSince = timestamp }
        let heldLongEnough = timing.forDuration.map { timestamp - pendingSince >= $0 } ?? true
        guard consecutive >= timing.forCount, heldLongEnough else {
            phase = .pending
            return nil
        }
        phase = .firing
        firingSince = timestamp
        lastSent = timestamp
        return .fired
    }
}
