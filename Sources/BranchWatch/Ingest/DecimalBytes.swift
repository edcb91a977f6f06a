// Reads a plain decimal number ("-12", "3.25") from bytes, exactly as Double(String) would.
import Glibc

/// Plain decimals from bytes, without making a `String`.
///
/// Only `[+-]digits[.digits]` is read here; anything else (exponents, grouping, percent,
/// currency, missing marks) is nil, and the caller reads the cell the general way.
enum DecimalBytes {
    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowers: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// The value of `bytes`, or nil when they are not a plain decimal or not finite.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var isNegative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            isNegative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var leadingDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                // A second point is not a number; the general reader says why.
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if !seenPoint { leadingDigit = true }
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30) }
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
            index += 1
        }
        // "5." and ".5" (and "-.5") are numbers to the general reader; left to it, as
        // they are rare and this path only takes digits on both sides of a point.
        guard leadingDigit, !(seenPoint && fractionDigits == 0) else { return nil }
        // Clinger's fast path: an integer below 2^53 and a power of ten up to 10^22 are
        // both exact, so one division is correctly rounded, as strtod is.
        if digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / exactPowers[fractionDigits]
            return isNegative ? -value : value
        }
        return viaStrtod(bytes)
    }

    /// strtod on a NUL-terminated copy; glibc rounds correctly, as Double(String) does.
    private static func viaStrtod(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        for (offset, byte) in bytes.enumerated() { text[offset] = CChar(bitPattern: byte) }
        let value = text.withUnsafeBufferPointer { $0.baseAddress.map { strtod($0, nil) } ?? .nan }
        return value.isFinite ? value : nil
    }
}
