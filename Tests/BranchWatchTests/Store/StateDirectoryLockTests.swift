// A second engine on the same state directory is refused instead of corrupting it.
import BranchWatch
import BranchWatchTestSupport
import Glibc
import Testing

@Suite struct StateDirectoryLockTests {
    @Test func secondHolderIsRefusedWithThePidOfTheFirst() throws {
        let directory = try TemporaryDirectory()
        let first = try StateDirectoryLock(directory: directory.path)
        do {
            _ = try StateDirectoryLock(directory: directory.path)
            Issue.record("a second lock on the same directory was granted")
        } catch let busy as StateDirectoryBusy {
            #expect(busy.holder == "\(getpid())")
            #expect(busy.description.contains("stop it first"))
        }
        withExtendedLifetime(first) {}
    }

    @Test func lockIsFreeAgainOnceItsHolderIsGone() throws {
        let directory = try TemporaryDirectory()
        var first: StateDirectoryLock? = try StateDirectoryLock(directory: directory.path)
        #expect(first != nil)
        first = nil
        _ = try StateDirectoryLock(directory: directory.path)
    }
}
