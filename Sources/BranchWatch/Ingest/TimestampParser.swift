// Reads the timestamp forms found in drop files into epoch seconds.
import Glibc

/// Parses ISO-8601 dates and date-times, `yyyy/M/d`, `yyyyMMdd`, `2024年3月1日`, and epoch
/// seconds or milliseconds. Full-width digits read as ASCII ones; fractions of a second
/// are accepted and dropped.
///
/// A bare date, or a date-time without an offset, is read in the process time zone
/// (see `TimeZoneSetting`), so `2016-01-25` is local midnight, correct across DST.
public enum TimestampParser {
    /// Epoch seconds for `text`, or nil when it is not a timestamp form we know.
    public static func parse(_ text: Substring) -> Int64? {
        let bytes = Array(normalized(text).utf8)
        if bytes.count == 8 && bytes.allSatisfy(isDigit) { return compactDate(bytes) }
        if !bytes.isEmpty && bytes.allSatisfy(isDigit) { return epoch(bytes) }
        var cursor = Cursor(bytes: bytes)
        guard let fields = readDateTime(&cursor) else { return nil }
        if cursor.isAtEnd { return localSeconds(fields) }
        guard let offset = readOffset(&cursor), cursor.isAtEnd else { return nil }
        return utcSeconds(fields) - Int64(offset)
    }

    /// ASCII digits for full-width ones, and `2024年3月1日` as `2024-3-1`.
    private static func normalized(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return String(text) }
        let folded = FullWidth.folded(String(text))
        var out = ""
        for character in folded {
            switch character {
            case "年", "月": out.append("-")
            case "日": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// `20240301`: a date with no separators, as some ERP exports write it.
    private static func compactDate(_ bytes: [UInt8]) -> Int64? {
        let text = String(decoding: bytes, as: UTF8.self)
        let dashed = "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))"
        return parse(dashed[...])
    }

    /// Epoch seconds (10 digits or fewer) or milliseconds (13 digits).
    private static func epoch(_ bytes: [UInt8]) -> Int64? {
        guard let value = Int64(String(decoding: bytes, as: UTF8.self)) else { return nil }
        switch bytes.count {
        case 13: return value / 1000
        case 9...10: return value
        default: return nil
        }
    }

    private struct Fields {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
    }

    private static func readDateTime(_ cursor: inout Cursor) -> Fields? {
        var fields = Fields()
        guard let year = cursor.number(digits: 4), cursor.skip("-") || cursor.skip("/"),
            let month = cursor.number(upTo: 2), cursor.skip("-") || cursor.skip("/"),
            let day = cursor.number(upTo: 2)
        else { return nil }
        (fields.year, fields.month, fields.day) = (year, month, day)
        guard (1...12).contains(month), (1...daysIn(month, of: year)).contains(day) else {
            return nil
        }
        guard cursor.skip("T") || cursor.skip(" ") else { return fields }
        guard let hour = cursor.number(upTo: 2), cursor.skip(":"),
            let minute = cursor.number(digits: 2)
        else { return nil }
        (fields.hour, fields.minute) = (hour, minute)
        if cursor.skip(":") {
            guard let second = cursor.number(digits: 2) else { return nil }
            fields.second = second
            if cursor.skip(".") || cursor.skip(",") { cursor.skipDigits() }
        }
        guard hour < 24, minute < 60, fields.second < 61 else { return nil }
        return fields
    }

    /// `Z`, `+08:00`, `+0800` or `-05`: the offset east of UTC, in seconds.
    private static func readOffset(_ cursor: inout Cursor) -> Int? {
        if cursor.skip("Z") || cursor.skip("z") { return 0 }
        let sign: Int
        if cursor.skip("+") {
            sign = 1
        } else if cursor.skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = cursor.number(digits: 2) else { return nil }
        _ = cursor.skip(":")
        let minutes = cursor.number(digits: 2) ?? 0
        return sign * (hours * 3600 + minutes * 60)
    }

    private static func utcSeconds(_ fields: Fields) -> Int64 {
        var parts = brokenDown(fields)
        return Int64(timegm(&parts))
    }

    private static func localSeconds(_ fields: Fields) -> Int64 {
        var parts = brokenDown(fields)
        parts.tm_isdst = -1
        return Int64(mktime(&parts))
    }

    private static func brokenDown(_ fields: Fields) -> tm {
        var parts = tm()
        parts.tm_year = Int32(fields.year - 1900)
        parts.tm_mon = Int32(fields.month - 1)
        parts.tm_mday = Int32(fields.day)
        parts.tm_hour = Int32(fields.hour)
        parts.tm_min = Int32(fields.minute)
        parts.tm_sec = Int32(fields.second)
        return parts
    }

    /// Days in `month` (1-12) of the proleptic Gregorian `year`; mktime would roll
    /// 2024-02-30 over into March, so impossible dates are refused before it sees them.
    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// A read position in ASCII bytes.
    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }

        mutating func number(digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }

        /// One or up to `digits` digits, as in `2024/3/1`.
        mutating func number(upTo digits: Int) -> Int? {
            var count = 0
            while count < digits && index + count < bytes.count && isDigit(bytes[index + count]) {
                count += 1
            }
            return count == 0 ? nil : number(digits: count)
        }

        mutating func skipDigits() {
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        }
    }
}
