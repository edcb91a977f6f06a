// The fast path for flat JSON lines reads a line as libyaml and the row rules would.
import Testing

@testable import BranchWatch

@Suite struct PlainJSONLinesTests {
    static let mapping = ColumnMapping(IngestSettings())

    /// What the fast path makes of `line`, or nil when it leaves it to the general path.
    static func fast(_ line: String) -> ParsedDrop? {
        var plain = PlainJSONLines(mapping: mapping)
        var drop = ParsedDrop()
        let bytes = Array(line.utf8)
        let isRead = bytes.withUnsafeBufferPointer {
            plain.read($0, lineNumber: 7, into: &drop)
        }
        return isRead ? drop : nil
    }

    static func general(_ line: String) -> ParsedDrop {
        var drop = ParsedDrop()
        JSONLineInterpreter(mapping: mapping, rows: RowInterpreter(file: "d", encoding: "UTF-8"))
            .read(TextLine(bytes: Array(line.utf8), number: 7, isTooLong: false), into: &drop)
        return drop
    }

    static let taken = [
        #"{"timestamp":"2024-03-01T00:00:00+08:00","branch":"B01","metric":"sales","value":5.5}"#,
        #"{ "timestamp" : "2024-03-01" , "branch" : " B02 " , "metric" : "Net Sales", "value" : -3 }  "#,
        #"{"timestamp":1709251200,"branch":"B03","metric":"sales","value":"1,234.5"}"#,
        #"{"timestamp":"2024-03-01","branch":"B04","metric":"sales","value":1e3}"#,
        #"{"timestamp":"2024-03-01","branch":"B05","metric":"sales","value":"N/A"}"#,
        #"{"timestamp":"2024-03-01","branch":"B06","metric":"sales","value":2,"region":"north"}"#,
        #"{"timestamp":"2024-03-01","branch":"B07","sales":1,"refunds":"","Net Sales":3}"#,
        #"{"date":"2024-03-01","branch":"B08","metric":"sales","value":4,"region":""}"#,
    ]

    static let left = [
        #"{"timestamp":"2024-03-01","branch":"B\u0030","metric":"sales","value":1}"#,
        #"{"timestamp":"2024-03-01","branch":"B\"1","metric":"sales","value":1}"#,
        #"{"timestamp":"2024-03-01","branch":"Bé","metric":"sales","value":1}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":1,"labels":{"a":"b"}}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":null}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":true}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":1,"value":2}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":1,"x":1,"x":2}"#,
        "{\"timestamp\":\"2024-03-01\",\t\"branch\":\"B1\",\"metric\":\"sales\",\"value\":1}",
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":1,}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":1} x"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":1 2}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales","value":"abc"}"#,
        #"{"timestamp":"2024-02-30","branch":"B1","metric":"sales","value":1}"#,
        #"{"timestamp":"2024-03-01","branch":"","metric":"sales","value":1}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"","value":1}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","metric":"sales"}"#,
        #"{"timestamp":"2024-03-01","branch":"B1","value":1,"metric":"sales","Value":2}"#,
        #"["2024-03-01","B1"]"#,
        #"{}"#,
        "",
        "   ",
    ]

    @Test func linesTakenGiveWhatTheGeneralPathGives() throws {
        for line in Self.taken {
            let fast = try #require(Self.fast(line), "\(line)")
            let general = Self.general(line)
            #expect(general.problems.isEmpty, "\(line)")
            #expect(fast.samples == general.samples, "\(line)")
            #expect(fast.missing == general.missing, "\(line)")
        }
    }

    @Test func linesLeftAreTheGeneralPathsToRead() {
        for line in Self.left {
            #expect(Self.fast(line) == nil, "\(line)")
        }
        // The escaped "0" is read by the general path.
        #expect(Self.general(Self.left[0]).samples.map(\.branch) == ["B0"])
    }

    @Test func aFileMixingBothPathsKeepsItsLineNumbers() throws {
        let text = (Self.taken + Self.left).joined(separator: "\n") + "\n"
        let drop = try DropParser.parse(Array(text.utf8), file: "d.jsonl")
        var expected = ParsedDrop()
        for (offset, line) in (Self.taken + Self.left).enumerated() {
            var drop = Self.general(line)
            for index in drop.samples.indices { drop.samples[index].line = offset + 1 }
            for index in drop.problems.indices {
                drop.problems[index].line = offset + 1
                drop.problems[index].file = "d.jsonl"
            }
            expected.samples += drop.samples
            expected.problems += drop.problems
            expected.missing += drop.missing
        }
        #expect(drop.samples == expected.samples)
        #expect(drop.problems == expected.problems)
        #expect(drop.missing == expected.missing)
    }
}
