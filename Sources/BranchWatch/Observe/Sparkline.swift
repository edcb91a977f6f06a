// A small inline SVG chart of a series' recent values against its baseline.

/// Draws recent values as a line, the expected value as a dashed baseline, the newest value
/// as a dot, and the lowest and highest value shown as labels at the right. Pure: points
/// in, SVG text out.
enum Sparkline {
    static let width = 240.0
    static let height = 64.0
    static let margin = 4.0
    /// Where the drawing ends and the axis labels begin.
    static let plotRight = 196.0
    /// Share of the value range left free above and below, so neither the line nor the
    /// baseline is drawn on the edge.
    static let headroom = 0.1

    /// An `<svg>` element; `title` becomes its accessible name.
    static func svg(_ points: [ChartPoint], baseline: Double?, title: String) -> String {
        var parts = [
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                + " width=\"\(format(width))\" height=\"\(format(height))\""
                + " viewBox=\"0 0 \(format(width)) \(format(height))\">",
            "<title>\(HTMLText.escaped(title))</title>",
        ]
        let values = points.map(\.value) + (baseline.map { [$0] } ?? [])
        if let low = values.min(), let high = values.max() {
            let scale = Scale(low: low, high: high, count: points.count)
            parts.append(
                "<line class=\"axis\" x1=\"\(format(plotRight))\" x2=\"\(format(plotRight))\" "
                    + "y1=\"\(format(margin))\" y2=\"\(format(height - margin))\" stroke=\"#ddd\"/>"
            )
            if let baseline {
                let y = format(scale.y(baseline))
                parts.append(
                    "<line class=\"baseline\" x1=\"\(format(margin))\" x2=\"\(format(plotRight))\""
                        + " y1=\"\(y)\" y2=\"\(y)\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
            }
            let coordinates = points.indices.map {
                "\(format(scale.x($0))),\(format(scale.y(points[$0].value)))"
            }
            parts.append(
                "<polyline class=\"values\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\""
                    + " points=\"\(coordinates.joined(separator: " "))\"/>")
            if let last = points.indices.last {
                let x = format(scale.x(last))
                let y = format(scale.y(points[last].value))
                parts.append(
                    "<circle class=\"latest\" r=\"2.5\" fill=\"#c0392b\" cx=\"\(x)\" cy=\"\(y)\"/>")
            }
            parts.append(label("max", high, y: scale.y(high) + 4))
            if high > low { parts.append(label("min", low, y: scale.y(low) + 4)) }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    private static func label(_ kind: String, _ value: Double, y: Double) -> String {
        "<text class=\"axis-\(kind)\" x=\"\(format(plotRight + 3))\" y=\"\(format(y))\" "
            + "font-size=\"10\" fill=\"#555\">\(axisText(value))"
            + "</text>"
    }

    /// At most six characters or so, to fit beside the chart: `12.5`, `48.2k`, `1.25M`.
    static func axisText(_ value: Double) -> String {
        let size = abs(value)
        if size >= 1e6 { return NumberFormat.plain(value / 1e6, decimals: 2) + "M" }
        if size >= 1e4 { return NumberFormat.plain(value / 1e3, decimals: 1) + "k" }
        return NumberFormat.plain(value, decimals: size >= 100 ? 0 : 2)
    }

    /// Maps point indices and values into the drawing area, with headroom above and below;
    /// a flat series sits mid-height.
    private struct Scale {
        let low: Double
        let high: Double
        let count: Int

        init(low: Double, high: Double, count: Int) {
            let span = high > low ? high - low : max(abs(high) * 0.1, 1)
            let pad = high > low ? span * headroom : span / 2
            self.low = low - pad
            self.high = high + pad
            self.count = count
        }

        func x(_ index: Int) -> Double {
            guard count > 1 else { return (margin + plotRight) / 2 }
            return margin + Double(index) * (plotRight - margin) / Double(count - 1)
        }

        func y(_ value: Double) -> Double {
            height - margin - (value - low) / (high - low) * (height - 2 * margin)
        }
    }

    private static func format(_ value: Double) -> String {
        NumberFormat.fixed(value, decimals: 1)
    }
}
