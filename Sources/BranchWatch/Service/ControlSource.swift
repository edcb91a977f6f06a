// Descriptors that ask the daemon loop to stop or reload: an eventfd for code, a signalfd
// for signals.
import CLinux
import Glibc
import Synchronization

/// What the daemon loop is asked to do from outside.
public enum ControlRequest: Sendable, Equatable {
    /// Finish the file in hand, deliver for a bounded time, and return.
    case stop
    /// Read the config and rules again, keeping all state.
    case reload
}

/// A descriptor that becomes readable when the daemon loop is asked to do something.
public protocol ControlSource: AnyObject {
    var descriptor: Int32 { get }

    /// Reads what arrived since the last call, in order; empty when nothing did.
    func takeRequests() -> [ControlRequest]
}

/// Asks the daemon to stop or reload from code, for example from a test (`eventfd`).
///
/// Requests are kept in a mutex-guarded list and the eventfd only wakes the loop,
/// so `trigger` and `requestReload` may be called from any thread.
public final class StopSignal: ControlSource, Sendable {
    public let descriptor: Int32
    private let pending = Mutex<[ControlRequest]>([])

    public init() throws(SystemError) {
        let fd = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard fd >= 0 else { throw SystemError(call: "eventfd", path: "-", errno: errno) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Asks the daemon to stop.
    public func trigger() {
        post(.stop)
    }

    /// Asks the daemon to reload its config, as SIGHUP does.
    public func requestReload() {
        post(.reload)
    }

    public func takeRequests() -> [ControlRequest] {
        var counter: UInt64 = 0
        _ = read(descriptor, &counter, 8)
        return pending.withLock { requests in
            defer { requests.removeAll() }
            return requests
        }
    }

    private func post(_ request: ControlRequest) {
        pending.withLock { $0.append(request) }
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }
}

/// Stops the daemon on SIGTERM or SIGINT and reloads it on SIGHUP (`signalfd`).
///
/// The signals are blocked for the calling thread and the threads it starts later, so
/// create this first thing in `main`, before any other thread exists. Owned by one thread.
public final class ServiceSignals: ControlSource {
    public let descriptor: Int32

    public init() throws(SystemError) {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let fd = signalfd(-1, &signals, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        guard fd >= 0 else { throw SystemError(call: "signalfd", path: "-", errno: errno) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Reads every queued `signalfd_siginfo` record; SIGHUP means reload, the rest stop.
    public func takeRequests() -> [ControlRequest] {
        var requests: [ControlRequest] = []
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while true {
            let count = read(descriptor, &info, size)
            if count < 0 && errno == EINTR { continue }
            guard count == size else { return requests }
            requests.append(Int32(info.ssi_signo) == SIGHUP ? .reload : .stop)
        }
    }
}
