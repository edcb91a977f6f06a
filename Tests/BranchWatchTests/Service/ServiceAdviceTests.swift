// check and start-up warn about settings that work but surprise: slow requests, open endpoints.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct ServiceAdviceTests {
    @Test func theDefaultsDeserveNoWarning() throws {
        #expect(ServiceAdvice.review(try HTTPConfigTests.load("http: {}\n")).isEmpty)
    }

    @Test func aTimeoutLongerThanTheStopDeadlineIsWarnedAbout() throws {
        let config = try HTTPConfigTests.load("delivery: { timeout: 20s, stop_deadline: 10s }\n")
        let advice = ServiceAdvice.review(config)
        #expect(advice.map(\.key) == ["delivery.timeout"])
        #expect(advice.first?.message.contains("longer than delivery.stop_deadline (10s)") == true)
        let slow = ServiceAdvice.review(try HTTPConfigTests.load("delivery: { timeout: 45s }\n"))
        #expect(slow.count == 2)
        #expect(slow.last?.message.contains("WatchdogSec=60s") == true)
    }

    @Test func anEndpointOpenToTheNetworkIsWarnedAboutUnlessAllowed() throws {
        let open = ServiceAdvice.review(
            try HTTPConfigTests.load("http: { listen: 0.0.0.0:9464 }\n"))
        #expect(open.map(\.key) == ["http.listen"])
        #expect(open.first?.message.contains("0.0.0.0:9464 is reachable from the network") == true)
        let allowed = try HTTPConfigTests.load(
            "http: { listen: 0.0.0.0:9464, allow_remote: true }\n")
        #expect(ServiceAdvice.review(allowed).isEmpty)
        #expect(throws: ConfigError.self) {
            try HTTPConfigTests.load("http: { listen: 0.0.0.0:9464, allow_remote: yes }\n")
        }
    }

    @Test func checkPrintsEachWarningAndStillSucceeds() throws {
        let directory = try TemporaryDirectory("bw-advice")
        try directory.write("rules/r.yaml", SystemdNotifyTests.rule)
        let path = try directory.write(
            "branchwatch.yaml",
            "inbox: { path: inbox }\nrules: [rules/*.yaml]\n"
                + "notifiers: { console: { type: console } }\n"
                + "delivery: { timeout: 20s }\nhttp: { listen: 0.0.0.0:9464 }\n")
        let result = try ToolRun.run(DaemonProcess.binaryPath, ["check", "--config", path])
        #expect(result.status == 0)
        #expect(
            result.errors.contains("branchwatch.yaml: delivery.timeout: warning: 20s is longer"))
        #expect(result.errors.contains("branchwatch.yaml: http.listen: warning: 0.0.0.0:9464"))
        #expect(result.output.contains("2 warnings"), "\(result.output)")
    }
}
