// The rules every CSV reading path applies to a record, kept in one place.

/// Decisions about a CSV record that do not depend on how its bytes were split: more
/// fields than the header, and whether a line swallowed by an open quote is really a row.
///
/// Every path that reads CSV rows (the general record reader and any faster one) asks
/// these, so a row means the same whichever path read it.
enum RecordRules {
    /// The problem of a row with more fields than the header, at the first extra field
    /// that holds text; nil when there is none. Empty trailing fields, which spreadsheets
    /// add, are allowed.
    static func extraField(
        _ cells: [RowCell], headerCount: Int
    ) -> (position: TextPosition, reason: String)? {
        guard cells.count > headerCount,
            let extra = cells[headerCount...].first(where: { !$0.text.trimmed.isEmpty })
        else { return nil }
        return (
            extra.position,
            "more fields than the header (\(cells.count) for \(headerCount)): quote numbers "
                + "with commas, like \"1,234.50\""
        )
    }

    /// Whether `line`, found inside a quoted field, reads on its own as a row of `shape`:
    /// enough fields and a timestamp where the timestamp goes. Such a line means the quote
    /// before it was never closed, so the row with the quote ends before it.
    static func isRowStart(_ line: [UInt8], shape: RowShape) -> Bool {
        var text = line
        if text.last == Byte.carriageReturn { text.removeLast() }
        let fields = CSVLine.split(String(decoding: text, as: UTF8.self)[...])
        guard fields.count >= shape.width else { return false }
        return TimestampParser.parse(fields[shape.timestamp].text.trimmedSubstring) != nil
    }

    static func unclosedQuote(_ openedAt: TextPosition) -> (TextPosition, String) {
        (
            openedAt,
            "the quote that opens this field is never closed (the next line reads as a row); "
                + "remove the stray quote or close it"
        )
    }
}
