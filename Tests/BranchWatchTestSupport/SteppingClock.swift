// A clock pair a test moves by hand: the wall clock can be set back, the monotonic one only on.
import BranchWatch
import Synchronization

/// Fake clocks for `ServiceClock`: both start at the real clocks' readings and move only
/// when the test says so.
public final class SteppingClock: Sendable {
    private let offsets = Mutex((wall: 0.0, monotonic: 0.0))
    private let base = (wall: WallClock.now(), monotonic: MonotonicClock.now())

    public init() {}

    /// Time passes: both clocks move on by `seconds`.
    public func advance(_ seconds: Double) {
        offsets.withLock {
            $0.wall += seconds
            $0.monotonic += seconds
        }
    }

    /// Someone sets the wall clock by `seconds` (negative: back); monotonic time stays.
    public func stepWall(_ seconds: Double) {
        offsets.withLock { $0.wall += seconds }
    }

    public var clock: ServiceClock {
        ServiceClock(
            wall: { self.base.wall + self.offsets.withLock { $0.wall } },
            monotonic: { self.base.monotonic + self.offsets.withLock { $0.monotonic } })
    }
}
