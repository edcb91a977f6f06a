// One value as the detectors see it: the number, its local time, and the gap before it.

/// A new value of one series, with what detectors need besides the number.
public struct Observation: Sendable, Equatable {
    public var value: Double
    /// Local wall-clock time as seconds since 1970-01-01 00:00 local, so that
    /// day and hour arithmetic needs no time zone.
    public var localTime: Int64
    /// Seconds since this series' previous value as `Observation.gap` measures it; nil
    /// for its first.
    public var gap: Int64?

    public init(value: Double, localTime: Int64, gap: Int64? = nil) {
        self.value = value
        self.localTime = localTime
        self.gap = gap
    }

    /// The gap between two values as resets judge it: the shorter of the real seconds
    /// and the local wall-clock seconds between them. A DST change then never lengthens a
    /// gap: daily values across the autumn change are 25 real hours but one local day
    /// apart, and hourly values across the spring change one real hour but two local ones.
    public static func gap(elapsed: Int64, localElapsed: Int64) -> Int64 {
        max(0, min(elapsed, localElapsed))
    }
}

/// What a detector does about a long silence before a value.
public struct MissingDataPolicy: Sendable, Equatable, Hashable {
    /// A gap longer than this many seconds restarts the state, warm-up included;
    /// nil keeps the baseline across any gap (missing days are skipped, not zero).
    public var resetAfter: Int64?

    public init(resetAfter: Int64? = nil) {
        self.resetAfter = resetAfter
    }

    /// True when the state must start over before `observation`.
    public func resets(before observation: Observation) -> Bool {
        guard let limit = resetAfter, let gap = observation.gap else { return false }
        return gap > limit
    }

    /// The part of a state key that this policy adds.
    var keySuffix: String { resetAfter.map { ":reset=\($0)" } ?? "" }
}

/// A floor under a spread, so a flat series gives a finite score.
public struct SpreadFloor: Sendable, Equatable, Hashable {
    /// Absolute floor, in the metric's unit.
    public var absolute: Double
    /// Floor as a fraction of the expected level.
    public var fraction: Double

    public init(absolute: Double, fraction: Double) {
        self.absolute = absolute
        self.fraction = fraction
    }

    /// `spread`, raised to the floor for a series at `level`.
    public func apply(_ spread: Double, level: Double) -> Double {
        max(spread, absolute, fraction * abs(level))
    }
}
