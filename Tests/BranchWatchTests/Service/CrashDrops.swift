// A series of drop files in every format, with bad rows, a bad file, a duplicate and a
// late file, for the crash-consistency test.
import BranchWatchTestSupport

enum CrashDrops {
    static let branches = 12
    static let daysPerFile = 3
    static let fileCount = 100
    /// 2024-01-01T00:00:00Z.
    static let firstDay = 1_704_067_200

    /// The inbox section and rules the drops are meant for.
    static let inboxSettings = """
        inbox:
          path: inbox
          columns: { 日期: timestamp, 网点编号: branch, 销售额: sales, 投诉数: complaints }
          labels: [region, 区域]
        """

    static let rules = """
        rules:
          - name: sales-drop
            metric: sales
            detector: { type: ewma, alpha: 0.2, warmup: 5, min_std_pct: 2% }
            when: z <= -3
            notify: [hook]
          - name: complaints-jump
            metric: complaints
            detector: { type: ewma, alpha: 0.2, warmup: 5, min_std: 1 }
            when: z >= 3
            notify: [hook]
        """

    /// Every file, by name; names sort in the order they are applied.
    static func files() -> [(name: String, bytes: [UInt8])] {
        var random = SeededGenerator(seed: 20_240_101)
        var files: [(String, [UInt8])] = []
        for index in 0..<fileCount {
            let rows = rows(file: index, random: &random)
            let (name, text) = render(index, rows)
            files.append((name, Array(text.utf8)))
        }
        files.append(("gb18030.csv", gb18030))
        files.append(("zz-1-all-bad.csv", Array("timestamp,branch,metric,value\nx,y,z,w\n".utf8)))
        files.append(("zz-2-same-as-03.csv", files[3].1))
        let late = rows(file: 0, random: &random)
        files.append(("zz-3-late.csv", Array(render(0, late).text.utf8)))
        return files
    }

    struct Row {
        var day: Int
        var branch: Int
        var sales: Double
        var complaints: Int
    }

    static func rows(file: Int, random: inout SeededGenerator) -> [Row] {
        var rows: [Row] = []
        for day in file * daysPerFile..<(file + 1) * daysPerFile {
            for branch in 0..<branches {
                var sales =
                    Double(1000 + branch * 50) + Double(Int.random(in: -60...60, using: &random))
                if Int.random(in: 0..<60, using: &random) == 0 { sales *= 0.3 }
                var complaints = Int.random(in: 0...3, using: &random)
                if Int.random(in: 0..<50, using: &random) == 0 { complaints += 15 }
                rows.append(Row(day: day, branch: branch, sales: sales, complaints: complaints))
            }
        }
        return rows
    }

    static func render(_ index: Int, _ rows: [Row]) -> (name: String, text: String) {
        let stamp = { (row: Row) in "\(firstDay + row.day * 86_400)" }
        let name = "drop-\(index < 10 ? "0" : "")\(index)"
        let bad = index % 5 == 2 ? "2024-02-30,B01,sales,1\nnot-a-date,B02,sales,2\n" : ""
        switch index % 4 {
        case 0:
            let lines = rows.flatMap { row in
                [
                    "\(stamp(row)),B\(row.branch),sales,\(row.sales)\n",
                    "\(stamp(row)),B\(row.branch),complaints,\(row.complaints)\n",
                ]
            }
            return (name + ".csv", "timestamp,branch,metric,value\n" + lines.joined() + bad)
        case 1:
            let lines = rows.map {
                "\(stamp($0)),B\($0.branch),\($0.sales),\($0.complaints),r\($0.branch % 3)\n"
            }
            return (name + ".csv", "date,branch,sales,complaints,region\n" + lines.joined() + bad)
        case 2:
            let lines = rows.flatMap { row in
                [
                    "{\"timestamp\": \(stamp(row)), \"branch\": \"B\(row.branch)\", "
                        + "\"metric\": \"sales\", \"value\": \(row.sales)}\n",
                    "{\"timestamp\": \(stamp(row)), \"branch\": \"B\(row.branch)\", "
                        + "\"metric\": \"complaints\", \"value\": \(row.complaints)}\n",
                ]
            }
            return (name + ".jsonl", lines.joined() + (bad.isEmpty ? "" : "{\"broken\": \n"))
        default:
            let lines = rows.map {
                "\(stamp($0)),B\($0.branch),\"\(thousands($0.sales))\",\($0.complaints),r\r\n"
            }
            return (name + ".csv", "日期,网点编号,销售额,投诉数,区域\r\n" + lines.joined() + bad)
        }
    }

    /// `1,234.5` for 1234.5: how spreadsheets export amounts.
    static func thousands(_ value: Double) -> String {
        let whole = Int(value)
        let fraction = "\(value)".split(separator: ".").dropFirst().first.map { "." + $0 } ?? ""
        let head =
            whole >= 1000
            ? "\(whole / 1000)," + String("\(whole % 1000 + 1000)".dropFirst()) : "\(whole)"
        return head + fraction
    }

    /// The GB18030 file of DropEncodingTests: a Chinese header, one row.
    static let gb18030: [UInt8] = [
        0xC8, 0xD5, 0xC6, 0xDA, 0x2C, 0xCD, 0xF8, 0xB5, 0xE3, 0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xCF,
        0xFA, 0xCA, 0xDB, 0xB6, 0xEE, 0x2C, 0xCD, 0xB6, 0xCB, 0xDF, 0xCA, 0xFD, 0x2C, 0xC7, 0xF8,
        0xD3, 0xF2, 0x0D, 0x0A, 0x32, 0x30, 0x32, 0x34, 0x2D, 0x30, 0x33, 0x2D, 0x30, 0x31, 0x54,
        0x30, 0x38, 0x3A, 0x30, 0x30, 0x3A, 0x30, 0x30, 0x2B, 0x30, 0x38, 0x3A, 0x30, 0x30, 0x2C,
        0x53, 0x48, 0x2D, 0x95, 0x34, 0xB2, 0x35, 0x30, 0x31, 0x2C, 0x22, 0x31, 0x2C, 0x32, 0x33,
        0x34, 0x2E, 0x35, 0x30, 0x22, 0x2C, 0xA3, 0xB2, 0x2C, 0xBB, 0xAA, 0xB6, 0xAB, 0x0D, 0x0A,
    ]
}
