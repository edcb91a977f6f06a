import Testing

// Value cells as exports write them: what is a number, what is "no value", what is wrong.
@testable import BranchWatch

@Suite struct CellValueTests {
    @Test(arguments: [
        ("1234.5", 1234.5), ("\"1,234.50\"", 0), ("1,234.50", 1234.5), ("1,234,567", 1_234_567),
        ("92.5%", 0.925), ("-3", -3), ("+3", 3), ("(1,200)", -1200), ("¥300", 300),
        ("￥1,000.5", 1000.5), ("-$12", -12), ("１２３．５", 123.5), ("　42　", 42), ("1e3", 1000),
        ("-12.5 %", -0.125), (" 7 ", 7), (".5", 0.5),
    ])
    func readsNumber(_ text: String, _ expected: Double) {
        // A CSV reader removes the quotes of "1,234.50"; a cell that still has them is text.
        if text.hasPrefix("\"") {
            #expect(CellValue.read(text) == .invalid("\"\(text)\" is not a number"))
        } else {
            #expect(CellValue.read(text) == .number(expected))
        }
    }

    @Test(arguments: ["", "  ", "-", "--", "—", "N/A", "n/a", "NA", "#N/A", "null", "NaN", "－"])
    func readsNoValue(_ text: String) {
        #expect(CellValue.read(text) == .missing)
    }

    @Test(arguments: [
        "abc", "1,23", "1.234,5", "12,34,567", "0x10", "inf", "1..2", "--5", "1 2", "1e999", "%",
        "true",
    ])
    func refuses(_ text: String) {
        guard case .invalid = CellValue.read(text) else {
            Issue.record("\"\(text)\" was read as \(CellValue.read(text))")
            return
        }
    }
}
