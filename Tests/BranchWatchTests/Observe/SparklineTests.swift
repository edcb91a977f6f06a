// The inline chart: where values and the baseline land in the drawing.
import Testing

@testable import BranchWatch

@Suite struct SparklineTests {
    @Test func valuesKeepOffTheEdgesAndTheBaselineSitsAtItsValue() {
        let points = [10.0, 20, 30].enumerated().map {
            ChartPoint(timestamp: Int64($0.offset), value: $0.element)
        }
        let svg = Sparkline.svg(points, baseline: 20, title: "t")
        // x from 4 to 196, labels right of that; the range 10...30 padded by 2 each way
        // maps 8...32 onto y 60...4, so 10 lands at 55.3 and 30 at 8.7, not on the edge.
        #expect(svg.contains(#"points="4.0,55.3 100.0,32.0 196.0,8.7""#), "\(svg)")
        #expect(svg.contains(#"y1="32.0" y2="32.0""#))
        #expect(svg.contains(##"cx="196.0" cy="8.7"/>"##))
        #expect(
            svg.contains(##"class="axis-max" x="199.0" y="12.7" font-size="10" fill="#555">30<"##))
        #expect(
            svg.contains(##"class="axis-min" x="199.0" y="59.3" font-size="10" fill="#555">10<"##))
    }

    @Test func axisLabelsStayShort() {
        #expect(Sparkline.axisText(12.345) == "12.35")
        #expect(Sparkline.axisText(850.4) == "850")
        #expect(Sparkline.axisText(48_213) == "48.2k")
        #expect(Sparkline.axisText(-1_254_000) == "-1.25M")
    }

    @Test func aFlatSeriesSitsMidHeightAndAnEmptyOneDrawsNoLine() {
        let flat = (0..<3).map { ChartPoint(timestamp: Int64($0), value: 5) }
        let svg = Sparkline.svg(flat, baseline: nil, title: "t")
        #expect(svg.contains("4.0,32.0 100.0,32.0 196.0,32.0"))
        #expect(!svg.contains("axis-min"), "one label for a flat series")
        #expect(!Sparkline.svg([], baseline: nil, title: "t").contains("polyline"))
    }

    @Test func theTitleIsEscaped() {
        #expect(
            Sparkline.svg([], baseline: nil, title: "a<b&c").contains("<title>a&lt;b&amp;c</title>")
        )
    }
}
