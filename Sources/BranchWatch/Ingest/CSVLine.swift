// Splits one CSV line into fields, honouring double quotes.

/// A field of a CSV line and the 1-based column where it starts.
struct CSVField {
    var text: Substring
    var column: Int
}

enum CSVLine {
    /// The fields of `line`. A quoted field may hold commas and doubled quotes.
    ///
    /// Limitation: a quoted field cannot span lines here; exports that put line
    /// breaks inside quotes need a reader that works across lines.
    static func split(_ line: Substring) -> [CSVField] {
        var fields: [CSVField] = []
        var index = line.startIndex
        var column = 1
        while true {
            let start = column
            let (text, next, width) = readField(line, from: index)
            fields.append(CSVField(text: text, column: start))
            column += width + 1
            guard next < line.endIndex else { return fields }
            index = line.index(after: next)
        }
    }

    /// Reads one field from `start`; returns it, the index of the comma after it
    /// (or the end) and the field's width in characters.
    private static func readField(
        _ line: Substring, from start: Substring.Index
    ) -> (Substring, Substring.Index, Int) {
        guard start < line.endIndex, line[start] == "\"" else {
            let end = line[start...].firstIndex(of: ",") ?? line.endIndex
            return (line[start..<end], end, line.distance(from: start, to: end))
        }
        var text = ""
        var index = line.index(after: start)
        while index < line.endIndex {
            let character = line[index]
            index = line.index(after: index)
            if character != "\"" {
                text.append(character)
            } else if index < line.endIndex && line[index] == "\"" {
                text.append("\"")
                index = line.index(after: index)
            } else {
                break
            }
        }
        let end = line[index...].firstIndex(of: ",") ?? line.endIndex
        return (Substring(text), end, line.distance(from: start, to: end))
    }
}
