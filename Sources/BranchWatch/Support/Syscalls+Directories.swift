// Lists the folders inside a directory.
import Glibc

extension FileSystem {
    /// Names of the directories inside `directory`, sorted, without `.` and `..`.
    public static func listDirectories(_ directory: String) throws(SystemError) -> [String] {
        try entryNames(directory).filter { isDirectory(directory + "/" + $0) }.sorted()
    }
}
