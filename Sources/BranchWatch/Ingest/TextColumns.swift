// Wide columns that hold only text (a manager's name, a city) are labels, not metrics.

extension RowShape {
    /// Moves each wide metric column whose cells in `rows` are all text (no number, at
    /// least one cell that is not a missing marker) to the labels, and returns their names.
    /// A shape left with no metric column keeps them all, so the file's errors say why.
    mutating func labellingTextColumns(in rows: [CSVRecord]) -> [String] {
        guard case .wide(let metrics) = kind else { return [] }
        let readable = rows.filter { $0.problem == nil && $0.cells.count >= width }
        let text = metrics.filter { column in
            var hasText = false
            for row in readable {
                switch CellValue.read(row.cells[column.index].text) {
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
}
