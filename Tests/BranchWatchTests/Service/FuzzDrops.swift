// Mangled drop files for the fuzz test: some with known good and bad rows, some that no
// reader could make sense of, and many good files damaged at random.
import BranchWatchTestSupport

/// One generated drop and what the daemon must make of it.
struct FuzzDrop {
    enum Expectation {
        /// Applied: these branches (one sample each, the value given); the rows of the
        /// `unreadable` branches are reported in the rows report, one line each.
        case applies(good: [String: Double], unreadable: [String])
        /// Rejected whole, with a reason.
        case rejected
        /// Either, but never lost: damaged at random, its fate is not known in advance.
        case eitherWay
    }

    var name: String
    var bytes: [UInt8]
    var expectation: Expectation
}

struct FuzzDrops {
    var random: SeededGenerator
    /// 2024-01-01T00:00:00Z.
    static let day0 = 1_704_067_200
    static let maxRowBytes = 4096

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    /// `count` drops, a mix of the three kinds.
    mutating func make(_ count: Int) -> [FuzzDrop] {
        (0..<count).map { index in
            switch index % 5 {
            case 0: return structured(index)
            case 1: return hopeless(index)
            default: return damaged(index)
            }
        }
    }

    // MARK: - Known good and bad rows

    mutating func structured(_ index: Int) -> FuzzDrop {
        let format = int(0...2)
        // A byte no encoding reads switches auto-detection to GB18030; the good rows then
        // stay ASCII so that they read the same either way.
        let hasBadBytes = int(0...3) == 0
        var good: [String: Double] = [:]
        var bad: [String] = []
        var lines: [[UInt8]] = []
        for row in 0..<int(1...12) {
            let branch = "F\(index)R\(row)"
            let (text, value) = valueText(asciiOnly: hasBadBytes)
            good[branch] = value
            lines.append(goodRow(format, branch: branch, row: row, value: text))
            if int(0...2) == 0 {
                lines.append(badRow(format, branch: "F\(index)X\(row)", hasBadBytes: hasBadBytes))
                bad.append("F\(index)X\(row)")
            }
        }
        let isJSON = format == 2
        if !isJSON && int(0...4) == 0 {
            lines.append(Array("\(Self.day0),\"F\(index)Xend,sales,1".utf8))  // never closed
            bad.append("F\(index)Xend")
        }
        let header: [UInt8] =
            isJSON
            ? [] : Array((format == 0 ? "timestamp,branch,metric,value" : "date,branch,sales").utf8)
        let ending: [UInt8] = int(0...1) == 0 ? [0x0A] : [0x0D, 0x0A]
        var bytes = header.isEmpty ? [] : header + ending
        for line in lines { bytes += line + ending }
        let name = "s\(index)" + (isJSON ? ".jsonl" : ".csv")
        return FuzzDrop(
            name: name, bytes: bytes, expectation: .applies(good: good, unreadable: bad))
    }

    /// A value as an export might write it, and the number it means.
    mutating func valueText(asciiOnly: Bool) -> (String, Double) {
        let whole = int(0...99_999)
        switch int(asciiOnly ? 0...2 : 0...3) {
        case 0: return ("\(whole)", Double(whole))
        case 1:
            let grouped =
                whole >= 1000
                ? "\"\(whole / 1000),\(String(String(whole % 1000 + 1000).dropFirst()))\""
                : "\(whole)"
            return (grouped, Double(whole))
        case 2: return ("\(whole)%", Double(whole) / 100)
        default:
            let digits = String(whole).unicodeScalars.compactMap {
                Unicode.Scalar($0.value + 0xFEE0).map(Character.init)
            }
            return (String(digits), Double(whole))
        }
    }

    func goodRow(_ format: Int, branch: String, row: Int, value: String) -> [UInt8] {
        let stamp = Self.day0 + row * 86_400
        switch format {
        case 0: return Array("\(stamp),\(branch),sales,\(value)".utf8)
        case 1: return Array("\(stamp),\(branch),\(value)".utf8)
        default:
            let quoted = value.hasPrefix("\"") ? value : "\"\(value)\""
            return Array(
                "{\"timestamp\": \(stamp), \"branch\": \"\(branch)\", \"metric\": \"sales\", "
                    .utf8) + Array("\"value\": \(quoted)}".utf8)
        }
    }

    /// A row no reader can take, of a random kind.
    mutating func badRow(_ format: Int, branch: String, hasBadBytes: Bool) -> [UInt8] {
        let stamp = "\(Self.day0)"
        let kind = int(0...(hasBadBytes ? 5 : 4))
        if format == 2 {
            switch kind {
            case 0: return Array("{\"timestamp\": \(stamp), \"branch\": \"\(branch)\"".utf8)
            case 1: return Array("[\"\(branch)\", 1]".utf8)
            case 2:
                let nested =
                    String(repeating: "[", count: 40) + "1" + String(repeating: "]", count: 40)
                return Array(nested.utf8)
            case 3:
                return Array(
                    "{\"timestamp\": \(stamp), \"branch\": \"\(branch)\", \"metric\": \"sales\", "
                        .utf8) + Array("\"value\": \"twelve\"}".utf8)
            case 4:
                return Array(String(repeating: "z", count: Self.maxRowBytes + int(1...5000)).utf8)
            default: return junk(withBadByte: true)
            }
        }
        let fields = format == 0 ? ",sales," : ","
        switch kind {
        case 0: return Array("\(stamp),\(branch)\(fields)abc".utf8)
        case 1: return Array("2024-02-30,\(branch)\(fields)1".utf8)
        case 2: return Array("\(stamp),\(branch)".utf8)
        case 3: return Array("\(stamp),\"\(branch)\"x\(fields)1".utf8)
        case 4:
            let long = String(repeating: "y", count: Self.maxRowBytes + int(1...5000))
            return Array("\(stamp),\(branch)\(long)\(fields)1".utf8)
        default: return junk(withBadByte: true)
        }
    }

    /// Random bytes with no line end, quote or comma, starting with a byte that is neither
    /// UTF-8 nor GB18030 (so never blank).
    mutating func junk(withBadByte: Bool) -> [UInt8] {
        var bytes: [UInt8] = withBadByte ? [0xFF] : []
        for _ in 0..<int(1...200) {
            let byte = UInt8(int(0...255))
            if ![0x0A, 0x0D, 0x22, 0x2C].contains(byte) { bytes.append(byte) }
        }
        return bytes
    }

    // MARK: - Files no reader can use

    mutating func hopeless(_ index: Int) -> FuzzDrop {
        let bytes: [UInt8]
        switch index / 5 % 9 {
        case 0: bytes = (0..<int(1...4096)).map { _ in UInt8(int(0...255)) }
        case 1: bytes = index % 2 == 0 ? [] : [0x20, 0x0A]
        case 2: bytes = Array(" \n\r\n\t\n,,,\n".utf8)
        case 3:
            // UTF-16LE with a byte order mark, as Excel's "Unicode text" writes.
            let text = "timestamp,branch,metric,value\n2024-03-01,B1,sales,1\n"
            bytes = [0xFF, 0xFE] + text.utf8.flatMap { [$0, 0] }
        case 4: bytes = Array("timest".utf8)
        case 5: bytes = Array(String(repeating: "[", count: 20_000).utf8)
        case 6: bytes = Array(String(repeating: "q", count: 300_000 + int(0...1000)).utf8)
        case 7: bytes = Array("timestamp,branch,metric,value\nx,y,z,w\n2024-13-01,B,s,1\n".utf8)
        default: bytes = Array("\"timestamp,branch,metric,value\n2024-03-01,B1,sales,1\n".utf8)
        }
        // Some of the empty and bracket files carry a JSON name: the name must not save them.
        let name =
            "h\(index)" + ([1, 5].contains(index / 5 % 9) && index % 3 == 0 ? ".jsonl" : ".csv")
        return FuzzDrop(name: name, bytes: bytes, expectation: .rejected)
    }

    // MARK: - Good files damaged at random

    mutating func damaged(_ index: Int) -> FuzzDrop {
        let source = structured(index)
        var bytes = source.bytes
        for _ in 0..<int(1...4) {
            guard !bytes.isEmpty else { break }
            let at = int(0...bytes.count - 1)
            switch int(0...4) {
            case 0: bytes[at] = UInt8(int(0...255))
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + int(1...40)))
            case 2:
                let noise: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0xE4, 0xB8, 0x7B, 0x5B]
                bytes.insert(noise[int(0...noise.count - 1)], at: at)
            case 3: bytes.removeSubrange(at...)
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
            }
        }
        let name = "d\(index)" + (source.name.hasSuffix(".jsonl") ? ".jsonl" : ".csv")
        return FuzzDrop(name: name, bytes: bytes, expectation: .eitherWay)
    }
}
