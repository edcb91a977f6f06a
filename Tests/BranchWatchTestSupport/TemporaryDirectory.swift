// A scratch directory for one test, removed when the test is done with it.
import Foundation

/// A fresh directory under the system's temporary folder.
public final class TemporaryDirectory {
    public let path: String

    public init(_ label: String = "branchwatch-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `text` to `name` under this directory and returns the full path.
    ///
    /// The file is dated `age` seconds back (a minute unless told), as a finished export
    /// would be, so the inbox's settle time does not hold it; pass 0 for a file that was
    /// just written.
    @discardableResult
    public func write(_ name: String, _ text: String, age: Double = 60) throws -> String {
        try write(name, bytes: Array(text.utf8), age: age)
    }

    /// Writes `bytes` to `name` under this directory, dated `age` seconds back.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8], age: Double = 60) throws -> String {
        let full = path + "/" + name
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Written under a hidden name and renamed in, so a watching daemon sees it whole.
        let draft = folder + "/." + (full as NSString).lastPathComponent + ".writing"
        try Data(bytes).write(to: URL(fileURLWithPath: draft))
        if age > 0 {
            // Later writes stay later: ordering by modification time keeps the write order.
            try FileDate.set(draft, secondsAgo: age)
        }
        guard rename(draft, full) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: full])
        }
        return full
    }

    public func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + folder)) ?? []).sorted()
    }
}
