// Renders numbers for people: alert messages and chat payloads.
import Glibc

/// Human-readable number formatting without Foundation.
public enum NumberFormat {
    /// A value with at most `decimals` decimals and no trailing zeros: `850`, `33.5`.
    public static func plain(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 {
            return String(Int64(rounded))
        }
        var text = fixed(rounded, decimals: decimals)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A fraction as a signed percentage with one decimal: `-0.961` is `-96.1%`.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "n/a" }
        let sign = fraction > 0 ? "+" : ""
        return sign + fixed(fraction * 100, decimals: 1) + "%"
    }

    /// A fixed number of decimals, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let scale = pow(10.0, Double(decimals))
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        var digits = String(fraction)
        while digits.count < decimals { digits = "0" + digits }
        return sign + String(whole) + "." + digits
    }

    /// A small probability with three significant digits: `0.00115`, `2.35e-09`.
    public static func significant(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return plain(value) }
        var exponent = 0
        var mantissa = value
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        guard exponent < -4 else { return plain(value, decimals: 2 - exponent) }
        let digits = -exponent < 10 ? "0\(-exponent)" : "\(-exponent)"
        return fixed(mantissa, decimals: 2) + "e-" + digits
    }
}
