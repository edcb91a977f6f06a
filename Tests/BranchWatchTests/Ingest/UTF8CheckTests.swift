// The scan's UTF-8 check: the standard's answer, wherever the chunk edges fall.
import Testing

@testable import BranchWatch

@Suite struct UTF8CheckTests {
    /// Valid and invalid sequences around each rule: two-, three- and four-byte forms,
    /// overlong forms, surrogates, the top of Unicode, stray and missing continuations.
    static let cases: [[UInt8]] = [
        Array("plain ASCII, longer than one eight-byte word".utf8),
        Array("网点 SH-𠮷01 ok é".utf8),
        [0xF0, 0x9F, 0x98, 0x80],  // U+1F600
        [0xF4, 0x8F, 0xBF, 0xBF],  // U+10FFFF, the last code point
        [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
        [0xED, 0x9F, 0xBF],  // U+D7FF, just below the surrogates
        [0xED, 0xA0, 0x80],  // a surrogate
        [0xE0, 0x9F, 0xBF],  // overlong three-byte form
        [0xF0, 0x8F, 0xBF, 0xBF],  // overlong four-byte form
        [0xC0, 0xAF], [0xC1, 0xBF],  // overlong two-byte forms
        [0xF5, 0x80, 0x80, 0x80], [0xFF],  // bytes never in UTF-8
        [0x41, 0x80, 0x42],  // a continuation byte with no lead
        [0xE4, 0xB8, 0x41],  // a sequence cut short by ASCII
        Array("abcdefg".utf8) + [0xE4, 0xB8],  // cut short by the end
        Array("abcdefgh".utf8) + [0xF0, 0xA0, 0xAE, 0xB7] + Array("ijklmnop".utf8),
    ]

    static func checked(_ pieces: [ArraySlice<UInt8>]) -> (valid: Bool, nonASCII: Bool) {
        var check = UTF8Check()
        for piece in pieces { Array(piece).withUnsafeBytes { check.check($0) } }
        return (check.isValidAtEnd(), check.hasNonASCII)
    }

    @Test(arguments: cases)
    func agreesWithTheStandardLibraryWhereverTheTextIsCut(_ bytes: [UInt8]) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        let nonASCII = bytes.contains { $0 >= 0x80 }
        #expect(Self.checked([bytes[...]]) == (expected, nonASCII))
        for cut in 0...bytes.count {
            #expect(Self.checked([bytes[..<cut], bytes[cut...]]) == (expected, nonASCII))
        }
        let oneByOne = bytes.indices.map { bytes[$0...$0] }
        #expect(Self.checked(oneByOne) == (expected, nonASCII))
    }

    @Test func nothingIsValidText() {
        #expect(Self.checked([]) == (true, false))
    }
}
