// The process-wide time zone in which bare dates are read.
import Glibc

/// Sets the C library's time zone for this process.
///
/// Bare dates in drop files mean midnight in the configured IANA zone. The C library's
/// `mktime` and `localtime_r` read the zone from `TZ`, which is process-wide.
///
/// Limitation: one time zone per process — the daemon runs one config, so that is
/// enough; serving several configs from one process would need a tz database reader.
public enum TimeZoneSetting {
    /// Applies `name` (for example `Asia/Shanghai`) and checks that the system knows it.
    public static func apply(_ name: String) throws(TimeZoneError) {
        guard isKnown(name) else { throw .unknownZone(name) }
        setenv("TZ", name, 1)
        tzset()
    }

    /// True when `/usr/share/zoneinfo` holds the zone, or it is UTC.
    static func isKnown(_ name: String) -> Bool {
        if name == "UTC" || name == "Etc/UTC" { return true }
        if name.hasPrefix("/") || name.contains("..") { return false }
        return access("/usr/share/zoneinfo/" + name, R_OK) == 0
    }
}

/// A time zone the system does not know.
public enum TimeZoneError: Error, CustomStringConvertible {
    case unknownZone(String)

    public var description: String {
        switch self {
        case .unknownZone(let name):
            return "unknown time zone \"\(name)\": use an IANA name such as Asia/Shanghai "
                + "(install the tzdata package if names are missing)"
        }
    }
}
