// A joinable POSIX thread that runs one closure.
import Glibc

/// A thread started with `pthread_create`; `join` waits for its closure to return.
///
/// Threads inherit the creating thread's signal mask, so one made after `ServiceSignals`
/// never receives SIGTERM, SIGINT or SIGHUP itself.
final class OSThread {
    private var handle = pthread_t()
    private var isJoined = false

    /// Starts `body` on a new thread; throws when the system refuses one.
    init(_ body: @escaping @Sendable () -> Void) throws(SystemError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let result = pthread_create(
            &handle, nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw SystemError(call: "pthread_create", path: "-", errno: result)
        }
    }

    /// Waits for the closure to return (`pthread_join`); later calls return at once.
    func join() {
        guard !isJoined else { return }
        isJoined = true
        pthread_join(handle, nil)
    }

    private final class Body {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }
}
