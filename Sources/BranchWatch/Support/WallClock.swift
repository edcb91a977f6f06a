// The system clock and ISO-8601 rendering of instants.
import Glibc

/// Reads the system's real-time clock.
public enum WallClock {
    /// Seconds since the Unix epoch, with sub-second precision.
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The current instant as `2026-01-02T03:04:05Z`.
    static func isoNowUTC() -> String {
        ISOTime.formatUTC(Int64(now()))
    }
}

/// Renders epoch seconds as ISO-8601 text.
public enum ISOTime {
    /// `2026-01-02T03:04:05Z`.
    public static func formatUTC(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return render(parts) + "Z"
    }

    /// The instant in the process time zone (see `TimeZoneSetting`), with its offset:
    /// `2016-01-25T00:00:00-05:00`.
    public static func formatLocal(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        let offset = parts.tm_gmtoff
        guard offset != 0 else { return render(parts) + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return render(parts) + sign + pad(Int(minutes / 60)) + ":" + pad(Int(minutes % 60))
    }

    private static func render(_ parts: tm) -> String {
        let date =
            "\(parts.tm_year + 1900)-\(pad(Int(parts.tm_mon + 1)))-\(pad(Int(parts.tm_mday)))"
        return date
            + "T\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec)))"
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
