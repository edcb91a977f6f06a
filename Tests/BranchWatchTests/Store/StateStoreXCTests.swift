// The state database: write-ahead logging, and a rolled-back file leaves no trace.
// Written with XCTest, so CI exercises both test runners the toolchain ships.
import BranchWatch
import BranchWatchTestSupport
import XCTest

final class StateStoreXCTests: XCTestCase {
    func testDatabaseIsInWriteAheadLogMode() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let statement = try store.database.prepare("PRAGMA journal_mode")
        XCTAssertTrue(try statement.step())
        XCTAssertEqual(statement.text(0), "wal")
    }

    func testLedgerEntryInAFailedTransactionIsRolledBack() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        struct Interrupted: Error {}
        XCTAssertThrowsError(
            try store.database.transaction {
                try store.recordApplied(
                    digest: "abc", name: "a.csv", samples: 3, skipped: 0, late: 0)
                throw Interrupted()
            })
        XCTAssertFalse(try store.isApplied(digest: "abc"))
        XCTAssertEqual(try store.appliedFileCount(), 0)
    }
}
