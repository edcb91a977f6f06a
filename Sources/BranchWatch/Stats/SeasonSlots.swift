// Which slot of the week a value belongs to, for baselines kept per weekday or hour.

/// How a baseline splits the week.
public enum SeasonSlots: String, Sendable, CaseIterable, Hashable {
    /// One baseline for every value.
    case none
    /// One per day of the week, for daily data.
    case weekday
    /// One per hour of the week, for hourly data.
    case hourOfWeek = "hour_of_week"

    public var count: Int {
        switch self {
        case .none: return 1
        case .weekday: return 7
        case .hourOfWeek: return 168
        }
    }

    /// The slot of a local time: weekdays count from Monday = 0.
    public func slot(of localTime: Int64) -> Int {
        let day = localTime.floorDivided(by: 86_400)
        // 1970-01-01 was a Thursday, three days after a Monday.
        let weekday = Int((day + 3).floorModulo(7))
        switch self {
        case .none: return 0
        case .weekday: return weekday
        case .hourOfWeek:
            let hour = Int(localTime.floorModulo(86_400) / 3600)
            return weekday * 24 + hour
        }
    }
}

extension Int64 {
    /// Division rounding toward minus infinity, so times before 1970 land in the right day.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder that goes with `floorDivided(by:)`: always in `0..<divisor`.
    func floorModulo(_ divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}
