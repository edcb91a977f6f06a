// Reads a value cell as exports write it: "1,234.50", 92.5%, (12), ￥300, full-width digits.

/// What a value cell holds.
enum CellValue: Equatable {
    case number(Double)
    /// Empty, `-`, `N/A` and the like: no value was measured. Never read as zero.
    case missing
    /// Text that is not a number, with the reason.
    case invalid(String)

    /// Marks exports use for "no value", compared after trimming and lowercasing.
    static let missingMarks: Set<String> = [
        "", "-", "--", "—", "–", "n/a", "na", "#n/a", "null", "none", "nan", "#value!", "#div/0!",
    ]
    static let currencySigns: Set<Character> = ["¥", "￥", "$", "€", "£"]
    /// Characters a number may be written with; built once, as a set costs hashing to make.
    private static let allowed: Set<Character> = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", ",", "e", "E", "+", "-",
    ]

    /// The value of `raw`: thousands separators, a trailing `%` (92.5% is 0.925, as in
    /// rules), accounting parentheses for negatives and a leading currency sign are read.
    static func read(_ raw: String) -> CellValue {
        let text = FullWidth.folded(raw).trimmed
        if missingMarks.contains(text.lowercased()) { return .missing }
        var body = Substring(text)
        var scale = 1.0
        if body.hasPrefix("("), body.hasSuffix(")") {
            body = body.dropFirst().dropLast().trimmedSubstring
            scale = -1
        }
        if body.hasSuffix("%") {
            body = body.dropLast().trimmedSubstring
            scale /= 100
        }
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = String(first)
            body = body.dropFirst().trimmedSubstring
        }
        if let first = body.first, currencySigns.contains(first) {
            body = body.dropFirst().trimmedSubstring
        }
        guard let digits = withoutGrouping(body), let value = Double(sign + digits) else {
            return .invalid("\"\(raw)\" is not a number")
        }
        let scaled = value * scale
        guard scaled.isFinite else { return .invalid("\"\(raw)\" is too large") }
        return .number(scaled)
    }

    /// `1,234,567.5` without its separators; nil when the text is not plain decimal digits,
    /// or its commas are not every three digits (a European `1.234,5` is refused, not guessed).
    private static func withoutGrouping(_ text: Substring) -> String? {
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }),
            text.first?.isNumber == true || text.first == "."
        else { return nil }
        guard text.contains(",") else { return String(text) }
        let whole = text.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        let rest = text.dropFirst(whole.count)
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 }), !rest.contains(",")
        else { return nil }
        return groups.joined() + rest
    }
}

/// Full-width forms (U+FF01–U+FF5E, and the ideographic space) as their ASCII twins, so
/// `１２３．５` reads as `123.5`. The two blocks are laid out in the same order.
enum FullWidth {
    static func folded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000:
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
