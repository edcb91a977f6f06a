// Reads a plain wide-CSV line straight from its bytes: no String per cell, no CSV machine.

/// The fast path for the common wide-CSV line: printable ASCII, no quotes, as many fields
/// as the header, plain numbers or missing marks under the metrics.
///
/// A line it cannot read exactly as the general reader would gives false and goes to the
/// general path, which reads it and reports its problems; so this changes speed, never
/// results. The shape is the one after text columns became labels.
struct PlainWideRows {
    private let shape: RowShape
    private var rows = PlainRowFields()
    /// The fields of the line being read; storage reused from line to line.
    private var fields: [Range<Int>] = []

    /// Nil for a long shape, which `PlainLongRows` reads.
    init?(_ shape: RowShape) {
        guard shape.isWide else { return nil }
        self.shape = shape
        fields.reserveCapacity(shape.columnCount)
    }

    /// Adds the samples of `line` (without its line end) to `drop`; false, adding
    /// nothing, to leave the line to the general reader.
    mutating func read(
        _ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, into drop: inout ParsedDrop
    ) -> Bool {
        guard Self.split(line, columns: shape.columnCount, into: &fields) else { return false }
        return rows.read(line, fields: fields, shape: shape, lineNumber: lineNumber, into: &drop)
    }

    /// Whether the general reader would read `line` as one record of exactly `columns`
    /// fields split at each comma, with nothing to unquote, fold or skip: printable ASCII
    /// without quotes, and not blank (blank lines are skipped, not rows).
    static func isPlain(_ line: UnsafeBufferPointer<UInt8>, columns: Int) -> Bool {
        var fields = 1
        var isBlank = true
        for byte in line {
            guard byte >= 0x20 && byte < 0x7F && byte != Byte.quote else { return false }
            if byte == Byte.comma {
                fields += 1
            } else if byte != 0x20 {
                isBlank = false
            }
        }
        return fields == columns && !isBlank && columns < CSVRecordReader.maxCells
    }

    /// The fields of a plain line, as `isPlain` describes it; false when it is not one.
    static func split(
        _ line: UnsafeBufferPointer<UInt8>, columns: Int, into fields: inout [Range<Int>]
    ) -> Bool {
        fields.removeAll(keepingCapacity: true)
        var start = 0
        for offset in line.indices {
            let byte = line[offset]
            guard byte >= 0x20 && byte < 0x7F && byte != Byte.quote else { return false }
            if byte == Byte.comma {
                fields.append(start..<offset)
                start = offset + 1
            }
        }
        fields.append(start..<line.count)
        return fields.count == columns
    }

    /// The record the general reader makes of a plain line: one byte is one column.
    static func record(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int) -> CSVRecord {
        var cells: [CSVCell] = []
        var start = 0
        for offset in 0...line.count where offset == line.count || line[offset] == Byte.comma {
            cells.append(
                CSVCell(
                    text: String(decoding: line[start..<offset], as: UTF8.self),
                    position: TextPosition(line: lineNumber, column: start + 1)))
            start = offset + 1
        }
        return CSVRecord(
            cells: cells, start: TextPosition(line: lineNumber, column: 1), problem: nil,
            excerpt: String(
                decoding: line.prefix(CSVRecordReader.excerptBytes), as: UTF8.self))
    }
}
