// inotify on the inbox: wakes the loop when a writer closes or renames in a file.
import Glibc

/// Watches one directory for close-after-write and moved-in events.
///
/// The watcher only says that something changed; the caller rescans the inbox,
/// which also covers events lost to a full inotify queue. Owned by one thread.
public final class InboxWatcher {
    /// The inotify descriptor, for `poll`.
    public let descriptor: Int32

    /// Starts watching `directory` (`inotify_init1` and `inotify_add_watch`).
    public init(directory: String) throws(SystemError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            throw SystemError(call: "inotify_init1", path: directory, errno: errno)
        }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let code = errno
            close(fd)
            throw SystemError(call: "inotify_add_watch", path: directory, errno: code)
        }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Reads and discards every queued event; returns how many bytes were read.
    @discardableResult
    public func drain() -> Int {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return total }
            total += count
        }
    }
}
