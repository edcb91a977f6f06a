// Turns the byte fields of one plain row into samples, for the fast wide-CSV and JSON paths.
import Glibc

/// What `RowInterpreter` does with a row's cells, done on byte ranges of the line instead
/// of a `String` per cell, for rows that hold no problem.
///
/// It only takes rows the general reader would read without a problem: any cell it
/// cannot read exactly as `RowInterpreter` would (a bad timestamp, an empty branch, text
/// where a number goes, non-ASCII bytes) makes it give false having added nothing, and
/// the caller hands the row to the general path, which reports it. So a row gives the
/// same samples, missing count and problems whichever path read it.
struct PlainRowFields {
    /// One timestamp repeats for many rows (every metric of a JSON row, every branch of
    /// a wide file's hour): parse it once.
    private var lastStamp: [UInt8] = []
    private var lastSeconds: Int64 = 0
    private var names = InternedNames()
    /// The values of the row being read, before any is added; storage reused per row.
    private var values: [Double?] = []

    /// Adds the samples of a row whose fields are `fields` (byte ranges of `line`, one per
    /// column of `shape`, untrimmed) to `drop`; false, adding nothing, to leave the row to
    /// the general path.
    mutating func read(
        _ line: UnsafeBufferPointer<UInt8>, fields: [Range<Int>], shape: RowShape,
        lineNumber: Int, into drop: inout ParsedDrop
    ) -> Bool {
        guard fields.count >= shape.width, fields.count <= shape.columnCount else {
            return false
        }
        guard let seconds = timestamp(Self.trimmed(line, fields[shape.timestamp])) else {
            return false
        }
        let branchBytes = Self.trimmed(line, fields[shape.branch])
        guard !branchBytes.isEmpty, Self.isPlainASCII(branchBytes) else { return false }
        var labels: [String: String] = [:]
        for (index, name) in shape.labels {
            let text = Self.trimmed(line, fields[index])
            guard Self.isPlainASCII(text) else { return false }
            if !text.isEmpty { labels[name] = String(decoding: text, as: UTF8.self) }
        }
        switch shape.kind {
        case .long(let metricIndex, let valueIndex):
            guard let metric = metricName(Self.trimmed(line, fields[metricIndex])),
                let value = Self.value(Self.trimmed(line, fields[valueIndex]))
            else { return false }
            let branch = names.intern(branchBytes)
            if let value {
                drop.samples.append(
                    Sample(
                        timestamp: seconds, branch: branch, metric: metric, value: value,
                        line: lineNumber, labels: labels))
            } else {
                drop.missing += 1
            }
        case .wide(let metrics):
            values.removeAll(keepingCapacity: true)
            for (index, _) in metrics {
                guard let value = Self.value(Self.trimmed(line, fields[index])) else {
                    return false
                }
                values.append(value)
            }
            let branch = names.intern(branchBytes)
            for (offset, metric) in metrics.enumerated() {
                guard let value = values[offset] else {
                    drop.missing += 1
                    continue
                }
                drop.samples.append(
                    Sample(
                        timestamp: seconds, branch: branch, metric: metric.name, value: value,
                        line: lineNumber, labels: labels))
            }
        }
        return true
    }

    private mutating func timestamp(_ stamp: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        if !stamp.isEmpty && Self.bytes(stamp, equal: lastStamp[...]) { return lastSeconds }
        guard Self.isPlainASCII(stamp),
            let parsed = TimestampParser.parse(Substring(String(decoding: stamp, as: UTF8.self)))
        else { return nil }
        lastStamp = Array(stamp)
        lastSeconds = parsed
        return parsed
    }

    /// The metric a long row names, spelled as `ColumnName.metric` spells it; nil when
    /// empty, which is a row problem.
    private mutating func metricName(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        guard !bytes.isEmpty, Self.isPlainASCII(bytes) else { return nil }
        // Capitals and inner spaces are respelled; most metric cells have neither.
        if bytes.contains(where: { $0 == 0x20 || ($0 >= 0x41 && $0 <= 0x5A) }) {
            return ColumnName.metric(String(decoding: bytes, as: UTF8.self))
        }
        return names.intern(bytes)
    }

    /// `.some(value)`, `.some(nil)` for a missing mark, or nil when the cell is not a
    /// number (a row problem the general path reports).
    private static func value(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double?? {
        if bytes.isEmpty { return .some(nil) }
        if let value = DecimalBytes.parse(UnsafeBufferPointer(rebasing: bytes)) { return value }
        guard isPlainASCII(bytes) else { return nil }
        switch CellValue.read(String(decoding: bytes, as: UTF8.self)) {
        case .number(let value): return value
        case .missing: return .some(nil)
        case .invalid: return nil
        }
    }

    /// Whether `slice` holds the same bytes as `bytes`, compared with memcmp: the generic
    /// `elementsEqual` goes byte by byte through an iterator.
    static func bytes(_ slice: Slice<UnsafeBufferPointer<UInt8>>, equal bytes: ArraySlice<UInt8>)
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

    /// Printable ASCII only: what the general path folds, trims or refuses (full-width
    /// forms, tabs, bytes not valid in the encoding) is left to it.
    private static func isPlainASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        !bytes.contains(where: { $0 < 0x20 || $0 >= 0x7F })
    }

    /// `range` of `line` without leading and trailing spaces.
    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
        -> Slice<UnsafeBufferPointer<UInt8>>
    {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && line[start] == 0x20 { start += 1 }
        while end > start && line[end - 1] == 0x20 { end -= 1 }
        return line[start..<end]
    }
}
