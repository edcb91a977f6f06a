// Waiting for a condition with a deadline, for state another process changes.
import Foundation

public enum Wait {
    /// Checks `condition` every `interval` seconds until it holds (true) or `timeout`
    /// seconds have passed (false).
    public static func until(
        timeout: Double, interval: Double = 0.02, _ condition: () throws -> Bool
    ) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            if try condition() { return true }
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
