// File calls for reading drops in chunks and for ageing files out of a folder.
import Glibc

/// An open file read front to back in chunks (`open`, `read`, `close`), so a large file
/// never has to fit in memory. Owned by one thread; closed when released.
public final class ChunkedFile {
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    public init(path: String) throws(SystemError) {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                descriptor = fd
                break
            }
            if errno != EINTR { throw SystemError(call: "open", path: path, errno: errno) }
        }
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    /// Up to `count` further bytes; nil once the end of the file is reached.
    public func read(upTo count: Int) throws(SystemError) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw SystemError(call: "read", path: path, errno: errno) }
            if got == 0 { return nil }
            chunk.removeLast(count - got)
            return chunk
        }
    }

    /// Reads up to `buffer.count` further bytes into `buffer` (`read`), so a caller that
    /// goes through a file once can use one buffer for all of it; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        while true {
            let got = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw SystemError(call: "read", path: path, errno: errno) }
            return got
        }
    }
}

extension FileSystem {
    /// Sets a file's modification time to now (`utimensat`), so its age counts from here.
    public static func touch(_ path: String) throws(SystemError) {
        guard utimensat(AT_FDCWD, path, nil, 0) == 0 else {
            throw SystemError(call: "utimensat", path: path, errno: errno)
        }
    }

    /// A file's modification time in epoch seconds (`stat`), or nil when it cannot be read.
    public static func modificationTime(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}

/// A file written front to back (`open` with `O_TRUNC`, `write`, `close`). Owned by one
/// thread; closed when released if `close` was not called.
public final class WritableFile {
    public let path: String
    private var descriptor: Int32

    /// Creates or empties the file at `path`.
    public init(path: String) throws(SystemError) {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        while true {
            let fd = open(path, flags, 0o644)
            if fd >= 0 {
                descriptor = fd
                break
            }
            if errno != EINTR { throw SystemError(call: "open", path: path, errno: errno) }
        }
        self.path = path
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw SystemError(call: "write", path: path, errno: errno) }
            offset += count
        }
    }

    /// Closes the file; later writes fail with EBADF.
    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}
