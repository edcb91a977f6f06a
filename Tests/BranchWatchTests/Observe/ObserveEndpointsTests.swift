// Routing and health of the loopback endpoints, without a socket.
import Testing

@testable import BranchWatch

@Suite struct ObserveEndpointsTests {
    static func endpoints(_ change: (inout ServiceSnapshot) -> Void, now: Double = 1000)
        -> ObserveEndpoints
    {
        var snapshot = ServiceSnapshot(startedAt: 900)
        change(&snapshot)
        return ObserveEndpoints(
            metrics: Metrics(), snapshots: SnapshotBox(snapshot),
            clock: ServiceClock(wall: { now }, monotonic: { now }))
    }

    static func get(_ path: String, _ endpoints: ObserveEndpoints) -> HTTPReply {
        endpoints.reply(to: IncomingRequest(method: "GET", path: path))
    }

    @Test func healthIsOKOnlyWhileRunningAndAwake() {
        let running = Self.endpoints {
            $0.phase = .running; $0.heartbeatAt = 990
        }
        #expect(Self.get("/healthz", running).status == 200)
        let starting = Self.endpoints { $0.heartbeatAt = 990 }
        #expect(Self.get("/healthz", starting).status == 503)
        #expect(
            String(decoding: Self.get("/healthz", starting).body, as: UTF8.self) == "starting\n")
        let stuck = Self.endpoints {
            $0.phase = .running; $0.heartbeatAt = 900
        }
        #expect(String(decoding: Self.get("/healthz", stuck).body, as: UTF8.self) == "stalled\n")
    }

    @Test func unknownPathsAndMethodsAreRefused() {
        let endpoints = Self.endpoints { $0.phase = .running }
        #expect(Self.get("/nope", endpoints).status == 404)
        let post = endpoints.reply(to: IncomingRequest(method: "POST", path: "/metrics"))
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "GET, HEAD")
    }

    @Test func metricsCarryTheSnapshotGaugesAndTheOutboxAge() {
        let endpoints = Self.endpoints(
            {
                $0.seriesCount = 7
                $0.pendingAlerts = 2
                $0.outbox.depth = 3
                $0.outbox.oldestCreatedAt = 960
            }, now: 1000)
        let reply = Self.get("/metrics", endpoints)
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(reply.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(text.contains("\nbranchwatch_series 7\n"))
        #expect(text.contains("\nbranchwatch_alerts{state=\"pending\"} 2\n"))
        #expect(text.contains("\nbranchwatch_outbox_messages 3\n"))
        #expect(text.contains("\nbranchwatch_outbox_oldest_age_seconds 40\n"))
    }

    @Test func statusEscapesBranchNamesAndForbidsScripts() {
        let endpoints = Self.endpoints {
            $0.firingAlerts = [
                AlertView(
                    rule: "r", branch: "<img src=x onerror=alert(1)>", metric: "sales",
                    severity: "critical", since: 0, value: 5, expected: 1,
                    points: [
                        ChartPoint(timestamp: 0, value: 1), ChartPoint(timestamp: 1, value: 5),
                    ])
            ]
        }
        let reply = Self.get("/status", endpoints)
        let html = String(decoding: reply.body, as: UTF8.self)
        #expect(!html.contains("<img"))
        #expect(html.contains("data-branch=\"&lt;img src=x onerror=alert(1)&gt;\""))
        #expect(reply.headers["Content-Security-Policy"]?.hasPrefix("default-src 'none'") == true)
    }
}
