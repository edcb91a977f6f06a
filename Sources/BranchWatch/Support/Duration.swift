// Durations as people write them in config files: `90`, `500ms`, `30s`, `2m`, `6h`, `1d`.

enum DurationText {
    /// Seconds for each unit suffix; a bare number is seconds.
    static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
    ]

    /// `seconds` in the largest unit that writes it as a whole number: `400d`, `90s`,
    /// `1500ms`; for messages, so a range reads as people write it.
    static func describe(_ seconds: Double) -> String {
        for (suffix, size) in units.reversed() where seconds >= size {
            let count = seconds / size
            if count == count.rounded() { return NumberFormat.plain(count) + suffix }
        }
        return NumberFormat.plain(seconds, decimals: 3) + "s"
    }

    /// The duration in seconds, or nil when `text` is not a number with an optional unit.
    static func seconds(_ text: String) -> Double? {
        if let plain = Double(text) { return plain }
        // "ms" is listed before "s" and "m", so the longest suffix wins.
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Double(text.dropLast(unit.suffix.count)), number >= 0 else {
                return nil
            }
            return number * unit.seconds
        }
        return nil
    }
}
