// Permission bits for what the daemon writes into the inbox, whatever the process umask.
import Glibc

/// The mode of files the daemon creates in the inbox, and the matching folder mode.
///
/// A service runs under `UMask=0077`, which would leave `done/`, `rejected/` and the
/// reports readable by the service alone; the inbox is shared with an exporter's account
/// through a group, so modes are set explicitly after creation.
public struct FileMode: Sendable, Equatable {
    /// Read and write bits only, such as 0o640.
    public var file: mode_t

    public init(file: mode_t) {
        self.file = file
    }

    /// 0o640: the owner reads and writes, the inbox's group reads.
    public static let standard = FileMode(file: 0o640)

    /// Folders get search permission wherever files may be read: 0o640 gives 0o750.
    public var directory: mode_t {
        file | ((file & 0o444) >> 2)
    }

    /// `0640` as the config writes it: three or four octal digits, read and write bits only,
    /// the owner's read and write always included. Nil otherwise.
    public init?(octal text: String) {
        guard (3...4).contains(text.count), let value = mode_t(text, radix: 8),
            value & ~0o666 == 0, value & 0o600 == 0o600
        else { return nil }
        file = value
    }

    /// `0640`.
    public var octal: String {
        let digits = String(file, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension FileSystem {
    /// Sets `path`'s permission bits to `mode`, keeping a set-group-ID bit a folder has (it
    /// makes new files take the folder's group, which a shared inbox relies on).
    public static func setMode(_ path: String, _ mode: mode_t) throws(SystemError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SystemError(call: "stat", path: path, errno: errno)
        }
        let keep = info.st_mode & S_ISGID
        guard info.st_mode & 0o7777 != mode | keep else { return }
        guard chmod(path, mode | keep) == 0 else {
            throw SystemError(call: "chmod", path: path, errno: errno)
        }
    }
}
