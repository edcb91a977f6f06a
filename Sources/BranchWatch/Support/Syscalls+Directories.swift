// Lists the folders inside a directory.
import Glibc

extension FileSystem {
    /// Names of the directories inside `directory` (`opendir`, `readdir`), sorted, without
    /// `.` and `..`.
    public static func listDirectories(_ directory: String) throws(SystemError) -> [String] {
        guard let handle = opendir(directory) else {
            throw SystemError(call: "opendir", path: directory, errno: errno)
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            if isDirectory(directory + "/" + name) { names.append(name) }
        }
        return names.sorted()
    }
}
