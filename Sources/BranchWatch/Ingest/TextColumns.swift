// Wide columns that hold only text (a manager's name, a city) are labels, not metrics.

extension RowShape {
    /// Moves each wide metric column whose cells in `rows` are all text (no number, at
    /// least one cell that is not a missing marker) to the labels, and returns their names.
    /// A shape left with no metric column keeps them all, so the file's errors say why.
    /// Plain rows are kept in `blocks`.
    mutating func labellingTextColumns(in rows: [ReadAheadRow], blocks: ReadAheadBlocks)
        -> [String]
    {
        guard case .wide(let metrics) = kind else { return [] }
        let width = self.width
        let readable = rows.filter { row in
            guard case .record(let record) = row else { return true }
            return record.problem == nil && record.cells.count >= width
        }
        var fields: [Range<Int>] = []
        let text = metrics.filter { column in
            var hasText = false
            for row in readable {
                let value: CellValue
                switch row {
                case .record(let record):
                    value = CellValue.read(record.cells[column.index].text)
                case .plain(let block, let range, _):
                    value = blocks.withLine(block, range) { line in
                        _ = PlainWideRows.split(line, columns: columnCount, into: &fields)
                        return Self.cellValue(line[fields[column.index]])
                    }
                }
                switch value {
                case .number: return false
                case .missing: continue
                case .invalid: hasText = true
                }
            }
            return hasText
        }
        guard !text.isEmpty, text.count < metrics.count else { return [] }
        let names = Set(text.map(\.index))
        kind = .wide(metrics: metrics.filter { !names.contains($0.index) })
        labels += text
        return text.map(\.name)
    }

    /// What `CellValue.read` makes of a plain cell, without a `String` for a plain number.
    private static func cellValue(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> CellValue {
        var trimmed = cell
        while trimmed.first == 0x20 { trimmed.removeFirst() }
        while trimmed.last == 0x20 { trimmed.removeLast() }
        if let number = DecimalBytes.parse(UnsafeBufferPointer(rebasing: trimmed)) {
            return .number(number)
        }
        return CellValue.read(String(decoding: cell, as: UTF8.self))
    }
}
