// The rows of a wide drop's first batch, held until its text columns are known.

/// A CSV row read ahead: a plain line kept as its bytes (`range` of read-ahead block
/// `block`), or a record from the general reader.
enum ReadAheadRow {
    case plain(block: Int, Range<Int>, line: Int)
    case record(CSVRecord)
}

/// The bytes of plain lines read ahead, in blocks of about a mebibyte: one array would
/// grow by doubling, holding up to twice its bytes and, while it moves, three times.
struct ReadAheadBlocks {
    private static let blockBytes = 1 << 20
    private var blocks: [[UInt8]] = []

    /// Keeps a copy of `line`; where it is kept.
    mutating func keep(_ line: UnsafeBufferPointer<UInt8>) -> (block: Int, Range<Int>) {
        if blocks.isEmpty || blocks[blocks.count - 1].count + line.count > Self.blockBytes {
            var block: [UInt8] = []
            block.reserveCapacity(max(Self.blockBytes, line.count))
            blocks.append(block)
        }
        let last = blocks.count - 1
        let start = blocks[last].count
        blocks[last].append(contentsOf: line)
        return (last, start..<blocks[last].count)
    }

    func withLine<T>(_ block: Int, _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T)
        -> T
    {
        blocks[block][range].withUnsafeBufferPointer(body)
    }
}
