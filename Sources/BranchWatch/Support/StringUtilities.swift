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

    /// True when `target`'s UTF-8 bytes occur in the string's. A plain byte search: the
    /// standard library's `contains(_:)` compares characters through a generic searcher and
    /// cost tens of microseconds per logged field. Unlike it, a match may end inside a
    /// character (an accent combining with the last letter), which only errs towards a
    /// match.
    func containsUTF8(_ target: String) -> Bool {
        var text = self
        var pattern = target
        return text.withUTF8 { haystack in
            pattern.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard haystack.count >= needle.count else { return false }
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == first,
                        needle.indices.allSatisfy({ haystack[start + $0] == needle[$0] })
                    {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }
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
