// The engine's connection leaves the write-ahead log to another connection to copy.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct CheckpointTests {
    @Test func aHighMarkLeavesTheLogForAnotherConnectionToCopy() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state.sqlite"
        let writer = try Database(path: path)
        writer.setAutoCheckpoint(pages: 20_000)
        try writer.execute("CREATE TABLE t (n INTEGER, text TEXT)")
        // About 1,500 pages: past SQLite's default mark of 1,000, which would have copied
        // the log inside this commit and left nothing for the other connection.
        try writer.transaction {
            let insert = try writer.prepare("INSERT INTO t (n, text) VALUES (?, ?)")
            for n in 0..<6_000 {
                try insert.run([.integer(Int64(n)), .text(String(repeating: "x", count: 900))])
            }
        }
        // The rows are only in the log so far: the database file holds the schema alone.
        #expect(try Self.size(of: path) < 100_000)
        let other = try Database(path: path)
        let (frames, copied) = try other.checkpoint()
        #expect(frames > 1_000)
        #expect(copied == frames)
        #expect(try Self.size(of: path) > 5_000_000)
    }

    static func size(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
