// A small inline SVG chart of a series' recent values against its baseline.

/// Draws recent values as a line, the expected value as a dashed baseline, and the
/// newest value as a dot. Pure: points in, SVG text out.
enum Sparkline {
    static let width = 240.0
    static let height = 64.0
    static let margin = 4.0

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
            if let baseline {
                let y = format(scale.y(baseline))
                parts.append(
                    "<line class=\"baseline\" x1=\"0\" x2=\"\(format(width))\" y1=\"\(y)\" "
                        + "y2=\"\(y)\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>")
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
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// Maps point indices and values into the drawing area; a flat series sits mid-height.
    private struct Scale {
        let low: Double
        let high: Double
        let count: Int

        func x(_ index: Int) -> Double {
            guard count > 1 else { return width / 2 }
            return margin + Double(index) * (width - 2 * margin) / Double(count - 1)
        }

        func y(_ value: Double) -> Double {
            guard high > low else { return height / 2 }
            return height - margin - (value - low) / (high - low) * (height - 2 * margin)
        }
    }

    private static func format(_ value: Double) -> String {
        NumberFormat.fixed(value, decimals: 1)
    }
}
