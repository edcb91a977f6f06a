// Runs a real daemon on its own thread, the way `branchwatch run` does, for tests.
import BranchWatch
import Foundation

/// A daemon watching its inbox on a background thread until `stop()` is called.
public final class DaemonHarness: @unchecked Sendable {
    private let stopSignal: StopSignal
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: String?

    /// Starts the daemon and returns once it has scanned the inbox and set its watch,
    /// or throws if that did not happen within `timeout` seconds.
    public init(config: Config, logger: Logger, timeout: Double = 10) throws {
        stopSignal = try StopSignal()
        let thread = Thread { [self] in
            defer { finished.signal() }
            do {
                let daemon = try Daemon(config: config, logger: logger)
                try daemon.run(until: stopSignal) { ready.signal() }
            } catch {
                record("\(error)")
                ready.signal()
            }
        }
        thread.start()
        guard ready.wait(timeout: .now() + timeout) == .success else {
            throw HarnessError.notReady
        }
        if let failure = self.failure { throw HarnessError.failed(failure) }
    }

    /// Asks the daemon to stop and waits for its thread to end.
    public func stop(timeout: Double = 10) throws {
        stopSignal.trigger()
        guard finished.wait(timeout: .now() + timeout) == .success else {
            throw HarnessError.didNotStop
        }
        if let failure = self.failure { throw HarnessError.failed(failure) }
    }

    private func record(_ message: String) {
        lock.lock()
        failure = message
        lock.unlock()
    }
}

public enum HarnessError: Error {
    case notReady
    case didNotStop
    case failed(String)
}
