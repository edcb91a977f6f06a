// Reads a plain long-CSV line straight from its bytes: no String per field, no CSV machine.
import Glibc

/// The fast path for the common long-CSV line: printable ASCII, no quotes, plain numbers.
///
/// A line it cannot read exactly as the general reader would (quotes, tabs, non-ASCII,
/// grouped or missing values, anything wrong) gives nil and goes to the general path,
/// which reads it and reports its problems; so this changes speed, never results.
struct PlainLongRows {
    private let timestampIndex: Int
    private let branchIndex: Int
    private let metricIndex: Int
    private let valueIndex: Int
    private let labels: [(index: Int, name: String)]
    private let width: Int
    /// In a long drop one timestamp repeats for thousands of rows: parse it once.
    private var lastStamp: [UInt8] = []
    private var lastSeconds: Int64 = 0
    private var names = InternedNames()
    /// Where each field of the line being read starts, and one past the line's end for the
    /// field after the last; sized once for the header's width, not grown per line.
    private var bounds: [Int]

    /// Nil for a wide shape, which this path does not read.
    init?(_ shape: RowShape) {
        guard case .long(let metric, let value) = shape.kind else { return nil }
        timestampIndex = shape.timestamp
        branchIndex = shape.branch
        metricIndex = metric
        valueIndex = value
        labels = shape.labels
        width = shape.width
        bounds = [Int](repeating: 0, count: shape.width + 1)
    }

    /// The sample of `line` (without its line end), or nil to read it the general way.
    mutating func read(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> Sample? {
        guard split(line) else { return nil }
        let stamp = field(line, timestampIndex)
        let seconds: Int64
        if Self.bytes(stamp, equal: lastStamp) {
            seconds = lastSeconds
        } else {
            guard
                let parsed = TimestampParser.parse(
                    Substring(String(decoding: stamp, as: UTF8.self)))
            else { return nil }
            lastStamp = Array(stamp)
            lastSeconds = parsed
            seconds = parsed
        }
        let branch = field(line, branchIndex)
        let metric = field(line, metricIndex)
        // A metric with capitals or inner spaces is renamed (`ColumnName.metric`) by the
        // general reader.
        guard !branch.isEmpty, !metric.isEmpty,
            !metric.contains(where: { $0 == 0x20 || ($0 >= 0x41 && $0 <= 0x5A) }),
            let value = DecimalBytes.parse(UnsafeBufferPointer(rebasing: field(line, valueIndex)))
        else { return nil }
        var rowLabels: [String: String] = [:]
        for (index, name) in labels {
            let text = field(line, index)
            if !text.isEmpty { rowLabels[name] = String(decoding: text, as: UTF8.self) }
        }
        return Sample(
            timestamp: seconds, branch: names.intern(branch), metric: names.intern(metric),
            value: value, line: lineNumber, labels: rowLabels)
    }

    /// Finds the fields of `line`; false when a byte is one the fast path leaves alone or
    /// when there are not exactly as many fields as the header.
    private mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let width = self.width
        // Exactly as wide as the header: extra fields (an unquoted "1,234.50") are a row
        // problem, or allowed when empty, and the general reader decides which.
        guard width < CSVRecordReader.maxCells else { return false }
        return bounds.withUnsafeMutableBufferPointer { bounds in
            var fields = 1
            bounds[0] = 0
            for offset in line.indices {
                let byte = line[offset]
                // Tabs, quotes, control and non-ASCII bytes need the general reader.
                guard byte >= 0x20 && byte < 0x7F && byte != Byte.quote else { return false }
                if byte == Byte.comma {
                    guard fields < width else { return false }
                    bounds[fields] = offset + 1
                    fields += 1
                }
            }
            bounds[fields] = line.count + 1
            return fields == width
        }
    }

    /// Whether `slice` holds the same bytes as `bytes`.
    private static func bytes(_ slice: Slice<UnsafeBufferPointer<UInt8>>, equal bytes: [UInt8])
        -> Bool
    {
        guard slice.count == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { known in
            guard let start = slice.base.baseAddress, let other = known.baseAddress else {
                return true
            }
            return memcmp(start + slice.startIndex, other, known.count) == 0
        }
    }

    /// Field `index` without leading and trailing spaces (the only blank byte let in).
    private func field(_ line: UnsafeBufferPointer<UInt8>, _ index: Int) -> Slice<
        UnsafeBufferPointer<UInt8>
    > {
        var start = bounds[index]
        var end = bounds[index + 1] - 1
        while start < end && line[start] == 0x20 { start += 1 }
        while end > start && line[end - 1] == 0x20 { end -= 1 }
        return line[start..<end]
    }
}
