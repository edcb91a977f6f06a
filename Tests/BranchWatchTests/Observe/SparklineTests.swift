// The inline chart: where values and the baseline land in the drawing.
import Testing

@testable import BranchWatch

@Suite struct SparklineTests {
    @Test func valuesSpanTheHeightAndTheBaselineSitsAtItsValue() {
        let points = [10.0, 20, 30].enumerated().map {
            ChartPoint(timestamp: Int64($0.offset), value: $0.element)
        }
        let svg = Sparkline.svg(points, baseline: 20, title: "t")
        // x from 4 to 236 across 240; y from 60 (lowest) to 4 (highest) across 64.
        #expect(svg.contains(#"points="4.0,60.0 120.0,32.0 236.0,4.0""#))
        #expect(svg.contains(#"y1="32.0" y2="32.0""#))
        #expect(svg.contains(##"cx="236.0" cy="4.0"/>"##))
    }

    @Test func aFlatSeriesSitsMidHeightAndAnEmptyOneDrawsNoLine() {
        let flat = (0..<3).map { ChartPoint(timestamp: Int64($0), value: 5) }
        #expect(Sparkline.svg(flat, baseline: nil, title: "t").contains("4.0,32.0 120.0,32.0"))
        #expect(!Sparkline.svg([], baseline: nil, title: "t").contains("polyline"))
    }

    @Test func theTitleIsEscaped() {
        #expect(
            Sparkline.svg([], baseline: nil, title: "a<b&c").contains("<title>a&lt;b&amp;c</title>")
        )
    }
}
