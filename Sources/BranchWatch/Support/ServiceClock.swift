// The two clocks the service reads: wall time for what is shown or stored, monotonic time
// for every interval and timeout.

/// A pair of clocks, injectable so tests can step the wall clock.
///
/// The wall clock (`CLOCK_REALTIME`) may jump when an administrator or NTP sets it; every
/// wait, deadline and watchdog interval is measured on the monotonic clock instead, so such
/// a jump can neither delay a watchdog ping nor a retry.
public struct ServiceClock: Sendable {
    /// Seconds since the Unix epoch, for timestamps that are shown or stored.
    public var wall: @Sendable () -> Double
    /// Seconds since an arbitrary start that never goes back, for intervals.
    public var monotonic: @Sendable () -> Double

    public init(wall: @escaping @Sendable () -> Double, monotonic: @escaping @Sendable () -> Double)
    {
        self.wall = wall
        self.monotonic = monotonic
    }

    /// The system's clocks.
    public static let system = ServiceClock(
        wall: { WallClock.now() }, monotonic: { MonotonicClock.now() })

    /// Both clocks moved by `seconds`: how a test looks into the future.
    func shifted(by seconds: Double) -> ServiceClock {
        guard seconds != 0 else { return self }
        let wall = self.wall
        let monotonic = self.monotonic
        return ServiceClock(wall: { wall() + seconds }, monotonic: { monotonic() + seconds })
    }
}
