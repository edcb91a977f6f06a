// The check that a streamed file's batches do not go back in time per series.
import Testing

@testable import BranchWatch

@Suite struct FileOrderTests {
    static func samples(_ points: [(String, Int64)]) -> [Sample] {
        points.map { Sample(timestamp: $1, branch: $0, metric: "sales", value: 1) }
    }

    @Test func aLastBatchOlderThanItsSeriesIsRefused() {
        let order = FileOrder()
        #expect(order.admit(Self.samples([("A", 10), ("B", 10)])))
        #expect(!order.admit(Self.samples([("B", 11), ("A", 5)]), isLast: true))
    }

    // 15 is older than B's 20 but not than A's 10, so it is looked up and allowed.
    @Test func aLastBatchIsComparedPerSeriesNotWithTheWholeFile() {
        let order = FileOrder()
        #expect(order.admit(Self.samples([("A", 10), ("B", 20)])))
        #expect(order.admit(Self.samples([("A", 15), ("C", 1), ("A", 10)]), isLast: true))
    }

    @Test func orderInsideOneBatchIsNotChecked() {
        #expect(FileOrder().admit(Self.samples([("A", 10), ("A", 5)]), isLast: true))
        #expect(FileOrder().admit(Self.samples([("A", 10), ("A", 5)])))
    }

    @Test func aMiddleBatchOlderThanItsSeriesIsRefused() {
        let order = FileOrder()
        #expect(order.admit(Self.samples([("A", 10)])))
        #expect(order.admit(Self.samples([("A", 12), ("B", 3)])))
        #expect(!order.admit(Self.samples([("B", 2)])))
    }
}
