// The loopback endpoints: /metrics, /healthz and /status, read from published state only.

/// Answers HTTP requests from the metrics registry and the latest published snapshot.
/// Runs on the HTTP server's thread; both sources are lock-guarded.
struct ObserveEndpoints: Sendable {
    /// `/healthz` fails when the working loop has not woken up for this long.
    static let stallSeconds = 60.0

    let metrics: Metrics
    let snapshots: SnapshotBox
    /// Wall time for ages shown; monotonic time for the heartbeat's age.
    let clock: ServiceClock

    func reply(to request: IncomingRequest) -> HTTPReply {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPReply(
                status: 405, contentType: "text/plain; charset=utf-8",
                body: "only GET and HEAD\n", headers: ["Allow": "GET, HEAD"])
        }
        switch request.path {
        case "/metrics": return metricsReply()
        case "/healthz": return healthReply()
        case "/status": return statusReply()
        case "/":
            return HTTPReply(
                status: 302, contentType: "text/plain", body: "", headers: ["Location": "/status"])
        default:
            return HTTPReply(
                status: 404, contentType: "text/plain; charset=utf-8",
                body: "not found; try /status, /metrics or /healthz\n")
        }
    }

    private func metricsReply() -> HTTPReply {
        let now = clock.wall()
        let families = metrics.snapshot() + snapshots.read().gauges(now: now)
        return HTTPReply(
            status: 200, contentType: PrometheusText.contentType,
            body: PrometheusText.render(families))
    }

    /// 200 while the loop runs and wakes up regularly; 503 while starting, stopping or stuck.
    private func healthReply() -> HTTPReply {
        let snapshot = snapshots.read()
        let stalled = clock.monotonic() - snapshot.heartbeatAt > Self.stallSeconds
        let healthy = (snapshot.phase == .running || snapshot.phase == .reloading) && !stalled
        let text = healthy ? "ok" : stalled ? "stalled" : snapshot.phase.rawValue
        return HTTPReply(
            status: healthy ? 200 : 503, contentType: "text/plain; charset=utf-8",
            body: text + "\n", headers: ["Cache-Control": "no-store"])
    }

    private func statusReply() -> HTTPReply {
        HTTPReply(
            status: 200, contentType: "text/html; charset=utf-8",
            body: StatusPage.html(snapshots.read(), now: clock.wall()),
            headers: [
                "Cache-Control": "no-store",
                // Branch names and errors come from outside: no script may ever run here.
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                "X-Content-Type-Options": "nosniff",
            ])
    }
}
