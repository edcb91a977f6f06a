// What the daemon shows the HTTP endpoints: it starts them and publishes snapshots.

extension Daemon {
    /// Starts the loopback endpoint when the config has an `http` section.
    func startHTTP() throws(SystemError) {
        guard server == nil, let settings = engine.config.http else { return }
        let endpoints = ObserveEndpoints(
            metrics: metrics, snapshots: snapshots, clock: clock)
        let started = try HTTPServer(host: settings.host, port: settings.port) {
            endpoints.reply(to: $0)
        }
        server = started
        logger.info(
            "http listening",
            ["address": "\(started.host):\(started.port)", "paths": "/metrics /healthz /status"])
    }

    /// Closes the endpoint; requests in flight finish first.
    func stopHTTP() {
        server?.stop()
        server = nil
    }

    func enter(_ phase: ServiceSnapshot.Phase) {
        snapshots.update { $0.phase = phase }
        publish(force: true)
    }

    /// Tells `/healthz` the working loop is awake.
    func beat() {
        let now = clock.monotonic()
        snapshots.update { $0.heartbeatAt = now }
    }

    /// Keeps recent values of watched series and the events that fired, for the charts.
    func recordForCharts(_ samples: [Sample], events: [AlertEvent]) {
        guard server != nil else { return }
        recent.record(samples, watched: watchedMetrics)
        recent.record(events)
        if recent.seriesCount > RecentValues.seriesLimit {
            let active = engine.state.alerts.filter { $0.value.phase != .inactive }.map(
                \.key.series)
            recent.trim(keeping: Set(active))
        }
    }

    /// Copies what the endpoints show into the snapshot box. Between files of a long scan
    /// this runs at most once a second, since it walks every alert.
    func publish(force: Bool = false) {
        let now = clock.monotonic()
        guard server != nil, force || now - lastPublish >= 1 else { return }
        lastPublish = now
        let (firing, pending) = alertViews()
        let outbox: OutboxSummary
        do {
            outbox = try engine.store.outboxSummary(limit: StatusPage.outboxRowsShown)
        } catch {
            logger.error("outbox read failed", ["error.message": "\(error)"])
            outbox = OutboxSummary()
        }
        let silences: [Silence]
        do {
            silences = try engine.store.silences(since: clock.wall())
        } catch {
            logger.error("silences read failed", ["error.message": "\(error)"])
            silences = []
        }
        let config = engine.config
        let seriesCount = engine.state.seriesCount
        snapshots.update { snapshot in
            snapshot.configFile = config.file
            snapshot.ruleCount = config.rules.count
            snapshot.seriesCount = seriesCount
            snapshot.firingAlerts = firing
            snapshot.pendingAlerts = pending
            snapshot.outbox = outbox
            snapshot.silences = silences
            snapshot.heartbeatAt = now
        }
    }

    /// Firing alerts with their charts, sorted by branch, rule and metric; and how many
    /// are pending.
    private func alertViews() -> (firing: [AlertView], pending: Int) {
        let severities = Dictionary(
            engine.config.rules.map { ($0.name, $0.severity.rawValue) },
            uniquingKeysWith: { first, _ in first })
        var firing: [AlertView] = []
        var pending = 0
        for (key, alert) in engine.state.alerts {
            switch alert.phase {
            case .inactive: continue
            case .pending: pending += 1
            case .firing:
                let event = recent.firedEvents[key]
                firing.append(
                    AlertView(
                        rule: key.rule, branch: key.series.branch, metric: key.series.metric,
                        severity: severities[key.rule] ?? event?.severity.rawValue ?? "",
                        since: alert.firingSince, value: event?.value, expected: event?.expected,
                        points: recent.points(for: key.series), magnitude: event?.magnitude))
            }
        }
        firing.sort { ($0.branch, $0.rule, $0.metric) < ($1.branch, $1.rule, $1.metric) }
        return (firing, pending)
    }
}
