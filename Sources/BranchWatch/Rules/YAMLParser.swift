// Builds YAMLNode trees with libyaml's event parser.
import CYAML

/// Why a YAML file could not be parsed.
public struct YAMLSyntaxError: Error, Sendable {
    public var mark: SourceMark
    public var problem: String
}

/// Parses YAML text into a `YAMLNode` with libyaml (`yaml_parser_parse`).
///
/// Mapping keys must be scalars; anchors and aliases are refused because rule
/// files have no use for them and they make positions ambiguous.
public enum YAMLParser {
    /// The first document of `bytes`, or an empty mapping for an empty file.
    public static func parse(_ bytes: [UInt8]) throws(YAMLSyntaxError) -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLSyntaxError(mark: SourceMark(line: 1, column: 1), problem: "out of memory")
        }
        defer { yaml_parser_delete(&parser) }
        // libyaml keeps the input pointer, so the bytes must stay put for the whole parse.
        let result: Result<YAMLNode, YAMLSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder()
            return Result { () throws(YAMLSyntaxError) in try builder.run(&parser) }
        }
        do {
            return try result.get()
        } catch {
            throw error.withTabHint(bytes)
        }
    }
}

/// Turns the event stream into a tree with a stack of open containers.
private struct TreeBuilder {
    private enum Frame {
        case mapping(
            [(key: String, keyMark: SourceMark, value: YAMLNode)], SourceMark,
            pendingKey: (String, SourceMark)?)
        case sequence([YAMLNode], SourceMark)
    }

    private var stack: [Frame] = []
    private var root: YAMLNode?

    mutating func run(_ parser: inout yaml_parser_t) throws(YAMLSyntaxError) -> YAMLNode {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
            defer { yaml_event_delete(&event) }
            let mark = SourceMark(
                line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                return root ?? .mapping([], SourceMark(line: 1, column: 1))
            case YAML_MAPPING_START_EVENT:
                stack.append(.mapping([], mark, pendingKey: nil))
            case YAML_SEQUENCE_START_EVENT:
                stack.append(.sequence([], mark))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                try close(mark)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length),
                    as: UTF8.self)
                try add(.scalar(text, contentMark(mark, style: scalar.style)))
            case YAML_ALIAS_EVENT:
                throw YAMLSyntaxError(
                    mark: mark, problem: "aliases (*name) are not supported in branchwatch files")
            default:
                continue
            }
        }
    }

    private mutating func close(_ mark: SourceMark) throws(YAMLSyntaxError) {
        guard let frame = stack.popLast() else { return }
        switch frame {
        case .mapping(let entries, let start, _): try add(.mapping(entries, start))
        case .sequence(let items, let start): try add(.sequence(items, start))
        }
    }

    private mutating func add(_ node: YAMLNode) throws(YAMLSyntaxError) {
        guard let frame = stack.popLast() else {
            root = node
            return
        }
        switch frame {
        case .sequence(var items, let mark):
            items.append(node)
            stack.append(.sequence(items, mark))
        case .mapping(var entries, let mark, let pendingKey):
            guard let (key, keyMark) = pendingKey else {
                guard case .scalar(let key, let keyMark) = node else {
                    throw YAMLSyntaxError(
                        mark: node.mark, problem: "a mapping key must be a plain name")
                }
                stack.append(.mapping(entries, mark, pendingKey: (key, keyMark)))
                return
            }
            if entries.contains(where: { $0.key == key }) {
                throw YAMLSyntaxError(mark: keyMark, problem: "duplicate key \"\(key)\"")
            }
            entries.append((key, keyMark, node))
            stack.append(.mapping(entries, mark, pendingKey: nil))
        }
    }

    /// Quoted scalars start one column after their quote; errors inside them point at the text.
    private func contentMark(_ mark: SourceMark, style: yaml_scalar_style_t) -> SourceMark {
        let isQuoted =
            style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
        return isQuoted ? SourceMark(line: mark.line, column: mark.column + 1) : mark
    }

    private func syntaxError(_ parser: yaml_parser_t) -> YAMLSyntaxError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let context = parser.context.map { " " + String(cString: $0) } ?? ""
        let mark = SourceMark(
            line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        return YAMLSyntaxError(mark: mark, problem: problem + context)
    }
}
