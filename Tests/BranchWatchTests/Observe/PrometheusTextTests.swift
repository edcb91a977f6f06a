// The exposition text: escaping, number forms, cumulative histogram buckets.
import Testing

@testable import BranchWatch

@Suite struct PrometheusTextTests {
    static let deliveries = MetricFamily.counter("test_deliveries_total", help: "Sent\\or\nnot.")
    static let latency = MetricFamily.histogram(
        "test_latency_seconds", help: "Latency.", buckets: [0.1, 1])

    @Test func labelValuesAndHelpAreEscaped() {
        let metrics = Metrics()
        metrics.increment(Self.deliveries, by: 3, labels: ["notifier": "ops \"room\"\\\n2"])
        #expect(
            PrometheusText.render(metrics.snapshot())
                == """
                # HELP test_deliveries_total Sent\\\\or\\nnot.
                # TYPE test_deliveries_total counter
                test_deliveries_total{notifier="ops \\"room\\"\\\\\\n2"} 3

                """)
    }

    @Test func histogramBucketsAreCumulativeWithInfSumAndCount() {
        let metrics = Metrics()
        for value in [0.05, 0.1, 0.5, 2.5] { metrics.observe(Self.latency, value) }
        #expect(
            PrometheusText.render(metrics.snapshot())
                == """
                # HELP test_latency_seconds Latency.
                # TYPE test_latency_seconds histogram
                test_latency_seconds_bucket{le="0.1"} 2
                test_latency_seconds_bucket{le="1"} 3
                test_latency_seconds_bucket{le="+Inf"} 4
                test_latency_seconds_sum 3.15
                test_latency_seconds_count 4

                """)
    }

    @Test func numbersUseThePrometheusSpelling() {
        #expect(PrometheusText.number(42) == "42")
        #expect(PrometheusText.number(-0.25) == "-0.25")
        #expect(PrometheusText.number(.infinity) == "+Inf")
        #expect(PrometheusText.number(-.infinity) == "-Inf")
        #expect(PrometheusText.number(.nan) == "NaN")
        #expect(PrometheusText.number(1e20) == "1e+20")
    }

    @Test func seriesAreSortedByLabelsAndFamiliesByName() {
        let metrics = Metrics()
        let files = MetricFamily.counter("test_files_total", help: "Files.")
        metrics.increment(files, labels: ["outcome": "rejected"])
        metrics.increment(files, labels: ["outcome": "applied"])
        metrics.increment(Self.deliveries)
        let lines = PrometheusText.render(metrics.snapshot()).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
        #expect(
            lines == [
                "test_deliveries_total 1", #"test_files_total{outcome="applied"} 1"#,
                #"test_files_total{outcome="rejected"} 1"#,
            ])
    }
}
