// A clock for measuring durations that wall-clock changes cannot bend.
import Glibc

/// Reads `CLOCK_MONOTONIC`: seconds since an arbitrary start, never going back.
public enum MonotonicClock {
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
