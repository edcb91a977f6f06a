// Reads a flat JSON Lines object straight from its bytes: no YAML parse, no value tree.

/// The fast path for the common JSON line: one flat object whose keys and string values
/// are printable ASCII without escapes, whose other values are plain numbers, and with
/// no tabs between tokens.
///
/// A line it cannot read exactly as the general reader (libyaml, then `RowInterpreter`)
/// would — escapes, non-ASCII text, a nested `labels` object, `true` or `null`, a
/// duplicate key, a problem of any kind — gives false and is read the general way, which
/// reports its problems; so this changes speed, never results.
struct PlainJSONLines {
    private let mapping: ColumnMapping
    private var rows = PlainRowFields()
    /// The last line's keys, each followed by a NUL, and the shape they make (nil when
    /// they make none): most lines of a file have the same keys in the same order.
    private var lastKeys: [UInt8] = []
    private var lastShape: RowShape?
    /// Byte ranges of the keys and values of the line being read; storage reused.
    private var keys: [Range<Int>] = []
    private var values: [Range<Int>] = []

    init(mapping: ColumnMapping) {
        self.mapping = mapping
    }

    /// Adds the samples of `line` (without its line end) to `drop`; false, adding
    /// nothing, to leave the line to the general reader.
    mutating func read(
        _ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, into drop: inout ParsedDrop
    ) -> Bool {
        guard scan(line), let shape = shape(line) else { return false }
        return rows.read(line, fields: values, shape: shape, lineNumber: lineNumber, into: &drop)
    }

    /// Finds the keys and values of a flat object spanning the whole line.
    private mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var cursor = Cursor(line: line)
        cursor.skipSpaces()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        while true {
            cursor.skipSpaces()
            guard let key = cursor.string() else { return false }
            cursor.skipSpaces()
            guard cursor.take(UInt8(ascii: ":")) else { return false }
            cursor.skipSpaces()
            guard let value = cursor.isAt(Byte.quote) ? cursor.string() : cursor.number()
            else { return false }
            keys.append(key)
            values.append(value)
            cursor.skipSpaces()
            if cursor.take(UInt8(ascii: "}")) { break }
            guard cursor.take(Byte.comma) else { return false }
        }
        cursor.skipSpaces()
        return cursor.index == line.count
    }

    /// A read position in a line.
    private struct Cursor {
        let line: UnsafeBufferPointer<UInt8>
        var index = 0

        func isAt(_ byte: UInt8) -> Bool {
            index < line.count && line[index] == byte
        }

        mutating func skipSpaces() {
            while isAt(0x20) { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard isAt(byte) else { return false }
            index += 1
            return true
        }

        /// A quoted string's contents: printable ASCII with no backslash.
        mutating func string() -> Range<Int>? {
            guard take(Byte.quote) else { return nil }
            let start = index
            while index < line.count {
                let byte = line[index]
                index += 1
                if byte == Byte.quote { return start..<(index - 1) }
                guard byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") else {
                    return nil
                }
            }
            return nil
        }

        /// A JSON number as written: a digit, or a minus and a digit, first.
        mutating func number() -> Range<Int>? {
            let start = index
            _ = take(UInt8(ascii: "-"))
            guard index < line.count, PlainJSONLines.isDigit(line[index]) else { return nil }
            while index < line.count && PlainJSONLines.isNumberByte(line[index]) { index += 1 }
            return start..<index
        }
    }

    /// The shape the line's keys make, worked out again only when they differ from the
    /// last line's; nil when they make none (the general path says why).
    private mutating func shape(_ line: UnsafeBufferPointer<UInt8>) -> RowShape? {
        if sameKeys(line) { return lastShape }
        lastKeys.removeAll(keepingCapacity: true)
        for key in keys {
            lastKeys.append(contentsOf: line[key])
            lastKeys.append(0)
        }
        let names = keys.map { Substring(String(decoding: line[$0], as: UTF8.self)) }
        // libyaml refuses a key given twice, even one the shape would ignore.
        guard Set(names).count == names.count else {
            lastShape = nil
            return nil
        }
        lastShape = try? RowShape.make(names, mapping: mapping)
        return lastShape
    }

    private func sameKeys(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        for key in keys {
            let end = offset + key.count
            guard end < lastKeys.count, lastKeys[end] == 0,
                PlainRowFields.bytes(line[key], equal: lastKeys[offset..<end])
            else { return false }
            offset = end + 1
        }
        return offset == lastKeys.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Bytes a JSON number is written with after its first digit.
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-")
    }
}
