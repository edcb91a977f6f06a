// Renders metric families in the Prometheus text exposition format (version 0.0.4).

/// Writes `# HELP`, `# TYPE` and one line per series, histograms as cumulative
/// `_bucket{le=…}` lines with `_sum` and `_count`.
public enum PrometheusText {
    /// The `Content-Type` Prometheus expects for this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(_ families: [MetricSnapshot]) -> String {
        var text = ""
        for snapshot in families.sorted(by: { $0.family.name < $1.family.name }) {
            let family = snapshot.family
            text += "# HELP \(family.name) \(escapedHelp(family.help))\n"
            text += "# TYPE \(family.name) \(family.kind.typeName)\n"
            for (labels, value) in snapshot.series {
                text += lines(family, labels, value)
            }
        }
        return text
    }

    private static func lines(_ family: MetricFamily, _ labels: MetricLabels, _ value: MetricValue)
        -> String
    {
        switch (value, family.kind) {
        case (.number(let amount), _):
            return "\(family.name)\(labelText(labels)) \(number(amount))\n"
        case (.histogram(let histogram), .histogram(let bounds)):
            var text = ""
            var cumulative: UInt64 = 0
            for (index, bound) in (bounds + [.infinity]).enumerated() {
                cumulative += histogram.bucketCounts[index]
                let le = labelText(labels, adding: ("le", number(bound)))
                text += "\(family.name)_bucket\(le) \(cumulative)\n"
            }
            text += "\(family.name)_sum\(labelText(labels)) \(number(histogram.sum))\n"
            text += "\(family.name)_count\(labelText(labels)) \(histogram.count)\n"
            return text
        case (.histogram, _):
            preconditionFailure("\(family.name): histogram value in a \(family.kind) family")
        }
    }

    /// `{a="1",b="2"}`, or nothing without labels.
    static func labelText(_ labels: MetricLabels, adding extra: (String, String)? = nil)
        -> String
    {
        var pairs = zip(labels.names, labels.values).map { ($0, $1) }
        if let extra { pairs.append(extra) }
        guard !pairs.isEmpty else { return "" }
        return "{" + pairs.map { "\($0)=\"\(escapedLabel($1))\"" }.joined(separator: ",") + "}"
    }

    /// Numbers as Prometheus reads them: whole numbers without a fraction, `+Inf`, `NaN`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int64(value))" }
        return "\(value)"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapedLabel(_ value: String) -> String {
        escaped(value, quotes: true)
    }

    /// Help text escapes backslash and line feed.
    static func escapedHelp(_ value: String) -> String {
        escaped(value, quotes: false)
    }

    private static func escaped(_ value: String, quotes: Bool) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"" where quotes: result += "\\\""
            default: result.append(character)
            }
        }
        return result
    }
}
