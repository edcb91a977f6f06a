// Reads a detector state back from its stored numbers, field by field.

/// A cursor over stored numbers; every read fails (nil) rather than trapping when the
/// numbers run out or do not fit, so a damaged row restarts a series instead of crashing.
struct StoredValuesReader {
    private let values: [Double]
    private var index = 0

    init(_ values: [Double]) {
        self.values = values
    }

    /// True when every number has been read.
    var isAtEnd: Bool { index == values.count }

    mutating func number() -> Double? {
        guard index < values.count else { return nil }
        defer { index += 1 }
        return values[index]
    }

    /// A whole number in `range`.
    mutating func integer(in range: ClosedRange<Int> = 0...Int(Int32.max)) -> Int? {
        guard let value = number(), let whole = Int(exactly: value), range.contains(whole)
        else { return nil }
        return whole
    }

    /// A count (at most `limit`), then that many numbers.
    mutating func array(limit: Int) -> [Double]? {
        guard let count = integer(in: 0...limit), index + count <= values.count else {
            return nil
        }
        defer { index += count }
        return Array(values[index..<index + count])
    }
}

extension Array where Element == Double {
    /// Appends `values` after their count, the form `StoredValuesReader.array` reads.
    mutating func appendCounted(_ values: [Double]) {
        append(Double(values.count))
        append(contentsOf: values)
    }
}
