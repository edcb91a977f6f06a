// Dates a file back, with utimensat rather than Foundation's file attributes.
import Foundation
import Glibc

/// Sets modification times the way tests need them.
///
/// Foundation's `setAttributes([.modificationDate: …])` on Linux fails with EINVAL for a
/// date whose fraction of a second rounds up to a whole second (about one date in two
/// million, e.g. x.9999996), which made tests that date hundreds of files fail at random.
public enum FileDate {
    /// Sets the modification (and access) time of `path` to `seconds` since 1970.
    public static func set(_ path: String, to seconds: Double) throws {
        let whole = seconds.rounded(.down)
        // Truncating keeps the mapping monotonic: a later date never gets an earlier time.
        let nanoseconds = min(999_999_999, max(0, Int((seconds - whole) * 1e9)))
        let time = timespec(tv_sec: Int(whole), tv_nsec: nanoseconds)
        let times = [time, time]
        guard utimensat(AT_FDCWD, path, times, 0) == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: path,
                    NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno)),
                ])
        }
    }

    /// Dates `path` `age` seconds before now.
    public static func set(_ path: String, secondsAgo age: Double) throws {
        try set(path, to: Date().timeIntervalSince1970 - age)
    }
}
