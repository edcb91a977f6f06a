// inotify on the inbox: wakes the loop and names the files a writer closed or renamed in.
import Glibc

/// What the inbox heard since it was last drained.
public struct InboxEvents: Sendable, Equatable {
    /// Names of files closed after writing (`IN_CLOSE_WRITE`) or moved in (`IN_MOVED_TO`).
    public var names: Set<String> = []
    /// Names of folders moved in or created, which are never read.
    public var folders: Set<String> = []
    /// The kernel's queue overflowed (`IN_Q_OVERFLOW`): events were lost, so the caller
    /// scans the whole inbox instead.
    public var isOverflowed = false

    public init(names: Set<String> = [], isOverflowed: Bool = false) {
        self.names = names
        self.isOverflowed = isOverflowed
    }
}

/// Watches one directory for close-after-write and moved-in events.
///
/// Only the files events name are finished: a file still being written has had no close
/// yet, so the caller claims the named files and leaves the rest alone. Owned by one thread.
public final class InboxWatcher {
    /// The inotify descriptor, for `poll`.
    public let descriptor: Int32

    /// Starts watching `directory` (`inotify_init1` and `inotify_add_watch`).
    public init(directory: String) throws(SystemError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            throw SystemError(call: "inotify_init1", path: directory, errno: errno)
        }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
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

    /// Reads every queued event (`read` on the inotify descriptor) and returns the names
    /// they carry.
    @discardableResult
    public func drain() -> InboxEvents {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var events = InboxEvents()
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return events }
            InboxWatcher.decode(buffer[0..<count], into: &events)
        }
    }

    /// The events packed in `bytes`: each a `struct inotify_event` header (watch, mask,
    /// cookie, name length: four 32-bit fields) followed by a NUL-padded name.
    static func decode(_ bytes: ArraySlice<UInt8>, into events: inout InboxEvents) {
        let headerSize = 16
        var offset = bytes.startIndex
        while offset + headerSize <= bytes.endIndex {
            let mask = word(bytes, at: offset + 4)
            let length = Int(word(bytes, at: offset + 12))
            let nameStart = offset + headerSize
            let nameEnd = min(nameStart + length, bytes.endIndex)
            let name = String(
                decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
            offset = nameEnd
            if mask & UInt32(IN_Q_OVERFLOW) != 0 { events.isOverflowed = true }
            guard !name.isEmpty else { continue }
            if mask & UInt32(IN_ISDIR) != 0 {
                events.folders.insert(name)
            } else if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                events.names.insert(name)
            }
        }
    }

    private static func word(_ bytes: ArraySlice<UInt8>, at offset: Int) -> UInt32 {
        // inotify writes in host byte order; Linux on every target we build for is
        // little-endian.
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}
