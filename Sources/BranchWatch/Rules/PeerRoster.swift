// Reads a branch roster CSV (branch,region,…) into the peer groups of the `peer` detector.

/// Why a roster file cannot give peer groups.
public enum PeerRosterError: Error, CustomStringConvertible {
    case unreadable(path: String, underlying: String)
    case missingColumn(path: String, column: String, header: String)
    case shortRow(path: String, line: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let underlying):
            return "cannot read the branch list \(path): \(underlying)"
        case .missingColumn(let path, let column, let header):
            return "the branch list \(path) has no \"\(column)\" column (header is \"\(header)\"); "
                + "it needs a \"branch\" column and the column named in \"group_by\""
        case .shortRow(let path, let line):
            return "\(path):\(line):1: the row has fewer fields than the header"
        }
    }
}

enum PeerRoster {
    /// Branch-to-group mapping from the `branch` and `column` columns of the CSV at `path`.
    static func groups(path: String, column: String) throws(PeerRosterError) -> PeerGroups {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw .unreadable(path: path, underlying: "\(error)")
        }
        let text = String(
            decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...],
            as: UTF8.self)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let header = lines.first else {
            throw .missingColumn(path: path, column: "branch", header: "")
        }
        let names = CSVLine.split(header).map { $0.text.trimmed.lowercased() }
        guard let branchIndex = names.firstIndex(of: "branch") else {
            throw .missingColumn(path: path, column: "branch", header: String(header))
        }
        guard let groupIndex = names.firstIndex(of: column.lowercased()) else {
            throw .missingColumn(path: path, column: column, header: String(header))
        }
        var groups: [String: String] = [:]
        for (offset, line) in lines.dropFirst().enumerated() where !line.trimmed.isEmpty {
            let fields = CSVLine.split(line)
            guard fields.count > max(branchIndex, groupIndex) else {
                throw .shortRow(path: path, line: offset + 2)
            }
            groups[fields[branchIndex].text.trimmed] = fields[groupIndex].text.trimmed
        }
        return PeerGroups(groupOfBranch: groups, identity: "\(column)@\(Path.split(path).name)")
    }
}
