// Descriptors that tell the daemon loop to stop: an eventfd for code, a signalfd for signals.
import CLinux
import Glibc

/// A descriptor that becomes readable when the daemon should stop.
public protocol StopSource: AnyObject {
    var descriptor: Int32 { get }
}

/// Stops the daemon from code, for example from a test (`eventfd`).
///
/// `trigger` may be called from any thread: it only writes to the descriptor.
public final class StopSignal: StopSource, @unchecked Sendable {
    public let descriptor: Int32

    public init() throws(SystemError) {
        let fd = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard fd >= 0 else { throw SystemError(call: "eventfd", path: "-", errno: errno) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    public func trigger() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }
}

/// Stops the daemon on SIGTERM or SIGINT (`signalfd`).
///
/// The signals are blocked for the calling thread and the threads it starts later, so
/// create this first thing in `main`, before any other thread exists.
public final class TerminationSignals: StopSource {
    public let descriptor: Int32

    public init() throws(SystemError) {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let fd = signalfd(-1, &signals, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        guard fd >= 0 else { throw SystemError(call: "signalfd", path: "-", errno: errno) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }
}
