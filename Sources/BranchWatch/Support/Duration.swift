// Durations as people write them in config files: `90`, `500ms`, `30s`, `2m`, `6h`, `1d`.

enum DurationText {
    /// Seconds for each unit suffix; a bare number is seconds.
    static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
    ]

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
