// Small string helpers the standard library lacks without Foundation.

extension String {
    /// Returns the string with every occurrence of `target` replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The string without leading and trailing spaces, tabs and line ends.
    var trimmed: String { String(self[...].trimmedSubstring) }
}

extension Substring {
    /// The substring without leading and trailing spaces, tabs and line ends.
    var trimmedSubstring: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return self[startIndex..<startIndex] }
        return self[first...last]
    }

    var trimmed: String { String(trimmedSubstring) }

    /// The first range of `target`, searched character by character.
    func range(of target: String) -> Range<Index>? {
        guard let head = target.first else { return nil }
        var index = startIndex
        while let start = self[index...].firstIndex(of: head) {
            if self[start...].hasPrefix(target) {
                return start..<self.index(start, offsetBy: target.count)
            }
            index = self.index(after: start)
        }
        return nil
    }
}
