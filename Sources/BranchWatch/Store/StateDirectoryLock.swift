// One process at a time per state directory, held with flock(2) for the process's life.
import Glibc

/// Another process holds the state directory.
public struct StateDirectoryBusy: Error, CustomStringConvertible {
    public let directory: String
    /// The holder's process id as it wrote it into the lock file, when readable.
    public let holder: String?

    public var description: String {
        let who = holder.map { "process \($0)" } ?? "another process"
        return "\(who) is already running branchwatch on the state in \(directory); "
            + "stop it first, or give this run its own state_dir"
    }
}

/// An exclusive lock on `state_dir/branchwatch.lock`.
///
/// Two daemons, or a daemon and a `run --once` from cron, on one state would each keep
/// their own copy of the statistics in memory and overwrite the other's. The kernel
/// drops a flock when its holder exits, even by SIGKILL, so a crash leaves no stale lock.
public final class StateDirectoryLock {
    private let descriptor: Int32

    /// Takes the lock or throws at once; it never waits.
    public init(directory: String) throws {
        let path = Path.join(directory, "branchwatch.lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError(call: "open", path: path, errno: errno) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            let holder = StateDirectoryLock.holder(fd)
            close(fd)
            guard failure == EWOULDBLOCK else {
                throw SystemError(call: "flock", path: path, errno: failure)
            }
            throw StateDirectoryBusy(directory: directory, holder: holder)
        }
        descriptor = fd
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        close(descriptor)
    }

    private static func holder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmed
        return text.isEmpty ? nil : text
    }
}
