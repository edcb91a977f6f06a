// Moving the write-ahead log into the database file, on a thread that can wait for it.
import CSQLite

extension Database {
    /// Pages of write-ahead log after which a commit on this connection copies the log
    /// into the database itself (SQLite's default is 1,000).
    ///
    /// That copy ends with an `fdatasync`, 3–15 ms on the bench's disk, inside whichever
    /// commit crosses the mark. The engine's connection sets a high mark, so the delivery
    /// thread's `checkpoint` when idle keeps the log short, and the engine only copies it
    /// itself when that has not happened for a long while.
    public func setAutoCheckpoint(pages: Int32) {
        sqlite3_wal_autocheckpoint(handle, pages)
    }

    /// Copies what it can of the write-ahead log into the database without waiting for
    /// readers or writers (`SQLITE_CHECKPOINT_PASSIVE`); returns the log's frames and
    /// how many of them are now in the database.
    @discardableResult
    public func checkpoint() throws(StoreError) -> (frames: Int, copied: Int) {
        var frames: Int32 = 0
        var copied: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(
            handle, nil, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied)
        guard code == SQLITE_OK else { throw error("sqlite3_wal_checkpoint_v2", code) }
        return (Int(frames), Int(copied))
    }
}
