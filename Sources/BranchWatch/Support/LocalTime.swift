// Local wall-clock time of an instant, for detectors that keep a baseline per weekday or hour.
import Glibc

/// Converts epoch seconds to local wall-clock seconds in the process time zone.
public enum LocalTime {
    /// `timestamp` shifted by the zone's offset at that instant (`localtime_r`), so that
    /// whole days of the result fall on local midnights, DST included.
    public static func seconds(_ timestamp: Int64) -> Int64 {
        var time = time_t(timestamp)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return timestamp }
        return timestamp + Int64(parts.tm_gmtoff)
    }
}
