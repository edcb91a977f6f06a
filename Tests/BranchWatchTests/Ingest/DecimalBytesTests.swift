// The byte-level decimal reader against Double(String), on every shape it accepts.
import Testing

@testable import BranchWatch

@Suite struct DecimalBytesTests {
    static func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalBytes.parse($0) }
    }

    /// Every accepted text must give the same bits as `Double(String)`, which is what the
    /// general cell reader uses.
    static func expectSameAsStandardLibrary(_ text: String) {
        guard let fast = parse(text) else { return }
        let reference = Double(text)
        #expect(reference?.bitPattern == fast.bitPattern, "\(text)")
    }

    @Test func integersAndDecimalsMatchTheStandardLibraryBitForBit() {
        var generator = SplitMix(seed: 8)
        var accepted = 0
        for _ in 0..<200_000 {
            let whole = String(UInt64.random(in: 0...UInt64.max, using: &generator))
                .prefix(Int.random(in: 1...20, using: &generator))
            let fraction = String(UInt64.random(in: 0...UInt64.max, using: &generator))
                .prefix(Int.random(in: 0...20, using: &generator))
            let sign = ["", "-", "+"].randomElement(using: &generator) ?? ""
            let text = fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
            #expect(Self.parse(text) != nil, "\(text)")
            Self.expectSameAsStandardLibrary(text)
            accepted += 1
        }
        #expect(accepted == 200_000)
    }

    @Test func edgeValuesMatch() {
        let texts = [
            "0", "-0", "+0", "0.0", "-0.0", "007", "1.5", "0.1", "0.3", "9007199254740993",
            "123456789012345", "1234567890123456", "0.0000000000000000000001",
            "0.00000000000000000000001", "179769313486231570000000000000000000000",
            "2.2250738585072014", "99999999999999999999.99999999999999999999",
            String(repeating: "9", count: 400),
        ]
        for text in texts { Self.expectSameAsStandardLibrary(text) }
        #expect(Self.parse("-0")?.sign == .minus)
    }

    @Test func anythingElseIsLeftToTheGeneralReader() {
        let texts = [
            "", "-", "+", ".", ".5", "5.", "1e5", "1E5", "1,234", "12%", "(5)", "$5", " 5", "5 ",
            "1.2.3", "--5", "nan", "inf", "0x10", "١", "５",
        ]
        for text in texts { #expect(Self.parse(text) == nil, "\(text)") }
        // Too large to be finite: refused, as the general reader refuses it.
        #expect(Self.parse("1" + String(repeating: "0", count: 400)) == nil)
    }
}

/// A seeded generator, so a failure shows the same texts again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
