// Reads one line of a JSON Lines drop: an object with timestamp, branch, metric, value, labels.

/// Reads JSON objects one line at a time with libyaml, whose flow syntax is a superset of
/// JSON's, so no JSON parser of our own is needed. Keys go through the inbox's column
/// names like CSV headers do; other scalar keys and the `labels` object become labels.
///
/// Limitation: YAML-only spellings (unquoted strings, single quotes) are accepted too, and a
/// tab between tokens is refused — libyaml decides, and drops from JSON writers never differ.
struct JSONLineInterpreter {
    let mapping: ColumnMapping
    let rows: RowInterpreter

    func read(_ line: TextLine, into drop: inout ParsedDrop) {
        let excerpt = String(
            decoding: line.bytes.prefix(CSVRecordReader.excerptBytes), as: UTF8.self)
        let start = TextPosition(line: line.number, column: 1)
        func problem(_ column: Int, _ reason: String) {
            drop.problems.append(
                RowProblem(
                    file: rows.file, line: line.number, column: column, reason: reason,
                    excerpt: excerpt))
        }
        if line.isTooLong {
            return problem(1, "the line is longer than inbox.max_row_size; it was skipped")
        }
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        guard Self.nestingDepth(line.bytes) <= Self.maxDepth else {
            return problem(1, "the object nests deeper than \(Self.maxDepth) levels")
        }
        let node: YAMLNode
        do {
            node = try YAMLParser.parse(line.bytes)
        } catch {
            return problem(error.mark.column, "not a JSON object: \(error.problem)")
        }
        guard case .mapping(let entries, _) = node else {
            return problem(1, "expected a JSON object such as {\"timestamp\": …}")
        }
        var names: [Substring] = []
        var cells: [RowCell] = []
        var labels: [String: String] = [:]
        for entry in entries {
            switch entry.value {
            case .scalar(let text, let mark):
                names.append(entry.key[...])
                cells.append(RowCell(text: text, position: position(mark, line)))
            case .mapping(let inner, _) where entry.key == "labels":
                for label in inner {
                    if case .scalar(let text, _) = label.value { labels[label.key] = text }
                }
            default:
                let column = entry.value.mark.column
                return problem(
                    column, "\"\(entry.key)\" holds \(entry.value.kindName); expected one value")
            }
        }
        do {
            let shape = try RowShape.make(names, mapping: mapping)
            rows.read(
                cells, shape: shape, start: start, excerpt: excerpt, extraLabels: labels,
                into: &drop)
        } catch {
            problem(1, Self.reason(error))
        }
    }

    /// Deeper objects are refused before parsing: a tree thousands of levels deep would
    /// exhaust the stack when it is freed.
    static let maxDepth = 32

    /// The deepest nesting of `{` and `[` outside strings.
    static func nestingDepth(_ bytes: [UInt8]) -> Int {
        var depth = 0
        var deepest = 0
        var isInString = false
        var isEscaped = false
        for byte in bytes {
            if isInString {
                if isEscaped {
                    isEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    isEscaped = true
                } else if byte == Byte.quote {
                    isInString = false
                }
                continue
            }
            switch byte {
            case Byte.quote: isInString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    private func position(_ mark: SourceMark, _ line: TextLine) -> TextPosition {
        TextPosition(line: line.number, column: mark.column)
    }

    static func reason(_ problem: RowShape.Problem) -> String {
        switch problem {
        case .missing(let key):
            return "the object has no \"\(key)\" key; name it in inbox.columns if it is called "
                + "something else"
        case .duplicate(let name, _, _):
            return "two keys both mean \"\(name)\""
        case .noMetrics:
            return "the object names no metric: give metric and value, or one key per metric"
        }
    }
}
