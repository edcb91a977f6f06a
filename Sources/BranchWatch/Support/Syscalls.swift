// File-system calls, each retried on EINTR and turned into a SystemError on failure.
import Glibc

/// A failed system call: which call, on which path, and the errno it set.
public struct SystemError: Error, CustomStringConvertible, Equatable {
    public let call: String
    public let path: String
    public let errno: Int32

    public var description: String {
        let reason = String(cString: strerror(errno))
        return "\(call)(\(path)): \(reason) (errno \(errno))"
    }
}

/// Thin wrappers over the file-system calls branchwatch makes.
///
/// No C type leaves this file; every failure becomes a `SystemError`.
public enum FileSystem {
    /// The whole content of a file.
    public static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let fd = try openFile(path, flags: O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw SystemError(call: "read", path: path, errno: errno) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes `bytes` to `path`, replacing it: written to a hidden temporary name, then renamed.
    /// A failure names `path`, not the temporary name, and leaves no temporary file.
    public static func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemError) {
        let temporary = hiddenSibling(of: path)
        let fd: Int32
        do {
            fd = try openFile(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
        } catch {
            throw SystemError(call: "open", path: path, errno: error.errno)
        }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                let code = errno
                close(fd)
                unlink(temporary)
                throw SystemError(call: "write", path: path, errno: code)
            }
            offset += count
        }
        close(fd)
        guard Glibc.rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SystemError(call: "rename", path: path, errno: code)
        }
    }

    /// The device and inode of the file at `path` (following links); nil when it cannot
    /// be examined, for example because it does not exist.
    public static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    public static func writeFile(_ path: String, _ text: String) throws(SystemError) {
        try writeFile(path, Array(text.utf8))
    }

    /// Renames atomically within one file system.
    public static func rename(_ source: String, to target: String) throws(SystemError) {
        guard Glibc.rename(source, target) == 0 else {
            throw SystemError(call: "rename", path: "\(source) -> \(target)", errno: errno)
        }
    }

    public static func remove(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw SystemError(call: "unlink", path: path, errno: errno)
        }
    }

    /// Creates a directory and its missing parents.
    public static func makeDirectories(_ path: String) throws(SystemError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw SystemError(call: "mkdir", path: prefix, errno: errno)
            }
        }
    }

    /// Names of the regular files in a directory, sorted.
    public static func listFiles(_ directory: String) throws(SystemError) -> [String] {
        try entryNames(directory).filter { isRegularFile(directory + "/" + $0) }.sorted()
    }

    /// Every name in `directory` (`opendir`, `readdir`) but `.` and `..`, unsorted.
    static func entryNames(_ directory: String) throws(SystemError) -> [String] {
        guard let handle = opendir(directory) else {
            throw SystemError(call: "opendir", path: directory, errno: errno)
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func openFile(_ path: String, flags: Int32) throws(SystemError) -> Int32 {
        while true {
            let fd = open(path, flags, 0o644)
            if fd >= 0 { return fd }
            if errno != EINTR { throw SystemError(call: "open", path: path, errno: errno) }
        }
    }

    private static func hiddenSibling(of path: String) -> String {
        let (directory, name) = Path.split(path)
        return Path.join(directory, ".\(name).tmp")
    }
}

/// Joining and splitting of slash-separated paths.
public enum Path {
    /// `a` + `b`, unless `b` is absolute, with `.` and `dir/..` taken out so paths in
    /// messages read as a person would write them.
    ///
    /// Limitation: `..` is resolved by name, not by following links, so `link/..` names
    /// the folder holding the link; config paths through links to other folders should
    /// be written without `..`.
    public static func join(_ base: String, _ name: String) -> String {
        if name.hasPrefix("/") || base.isEmpty { return normalized(name) }
        return normalized(base + "/" + name)
    }

    /// `path` without empty and `.` components, and with `dir/..` pairs removed.
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The directory part and the last component.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}

extension FileSystem {
    /// Paths matching a shell pattern such as `rules/*.yaml`, sorted (`glob(3)`).
    public static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
