// Decides who hears about a batch of alert events: routing, silences, inhibition, grouping.

/// One message to queue: events of one rule, status and sample time, for one notifier.
public struct PlannedMessage: Sendable, Equatable {
    public var notifier: String
    /// Worst first.
    public var events: [AlertEvent]
}

/// An event left undelivered, and why.
public struct MutedEvent: Sendable, Equatable {
    public var event: AlertEvent
    /// `silence 3 (planned works, by ops until …)` or `inhibited by East`.
    public var reason: String
}

/// Plans the delivery of the events of one evaluation.
///
/// Each event goes to its rule's notifiers and those of the routes it matches, unless an
/// active silence matches it or its rule's region-wide alert inhibits it. What is left is
/// grouped per notifier by (rule, status, reminder, sample time), worst branch first.
/// Pure: the caller reads silences and alert states and queues the messages.
///
/// Silences are checked here, when an event is queued, and again by the deliverer when a
/// queued message falls due (`OutboxDeliverer.mutingSilence`).
/// A firing whose message is muted marks its alert muted: later evaluations offer the
/// firing again (as a retry or reminder) until it goes out, and its resolution is muted
/// while no firing went out, so nobody hears "resolved" of what they never heard fire.
public struct DeliveryPlanner: Sendable {
    let rules: [String: Rule]
    let routes: [Route]
    /// Notifier types that take one message per event (the generic webhook's contract).
    let ungrouped: Set<String>

    public init(rules: [Rule], routes: [Route], notifiers: [String: NotifierConfig]) {
        self.rules = Dictionary(
            rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.routes = routes
        ungrouped = Set(notifiers.values.filter { $0.type == .webhook }.map(\.name))
    }

    /// What a plan decided: messages to queue, events muted, and for each alert whose
    /// firing was offered, whether it is still muted afterwards.
    public struct Plan: Sendable {
        public var messages: [PlannedMessage] = []
        public var muted: [MutedEvent] = []
        public var firingMuted: [AlertKey: Bool] = [:]
    }

    /// The messages for `events`, and the events muted. `isFiring` says whether an alert is
    /// firing after the evaluation, for inhibition; `wasMuted` whether an alert's firing
    /// message was muted before it.
    public func plan(
        _ events: [AlertEvent], silences: [Silence], isFiring: (AlertKey) -> Bool,
        wasMuted: (AlertKey) -> Bool = { _ in false }
    ) -> Plan {
        var plan = Plan()
        var groups: [GroupKey: [AlertEvent]] = [:]
        var order: [GroupKey] = []
        for original in events {
            var event = original
            let key = AlertKey(
                rule: event.rule, series: SeriesKey(branch: event.branch, metric: event.metric))
            let isMuted = plan.firingMuted[key] ?? wasMuted(key)
            var reason = muteReason(event, silences: silences, isFiring: isFiring)
            switch event.status {
            case .firing:
                // A reminder of a firing nobody heard is that firing's first message.
                if isMuted { event.isReminder = false }
                if !event.isReminder { plan.firingMuted[key] = reason != nil }
            case .resolved:
                if isMuted { reason = reason ?? "its firing message was muted, so never sent" }
                plan.firingMuted[key] = false
            }
            if let reason {
                plan.muted.append(MutedEvent(event: event, reason: reason))
                continue
            }
            let own = rules[event.rule]?.notify ?? []
            for notifier in Route.notifiers(for: event, ruleNotifiers: own, routes: routes) {
                let group = GroupKey(
                    notifier: notifier, event: event, alone: ungrouped.contains(notifier))
                if groups[group] == nil { order.append(group) }
                groups[group, default: []].append(event)
            }
        }
        plan.messages = order.map { group in
            PlannedMessage(notifier: group.notifier, events: Self.worstFirst(groups[group] ?? []))
        }
        return plan
    }

    /// Events of one group, the most unusual first; ties and unscored ones by branch.
    static func worstFirst(_ events: [AlertEvent]) -> [AlertEvent] {
        events.sorted { a, b in
            let (x, y) = (
                a.magnitude.isNaN ? -1 : a.magnitude, b.magnitude.isNaN ? -1 : b.magnitude
            )
            return x != y ? x > y : (a.branch, a.metric) < (b.branch, b.metric)
        }
    }

    private func muteReason(
        _ event: AlertEvent, silences: [Silence], isFiring: (AlertKey) -> Bool
    ) -> String? {
        if let silence = silences.first(where: { $0.matches(event) }) {
            return "silence \(silence.id) (\(silence.reason))"
        }
        guard let label = rules[event.rule]?.inhibitLabel, let region = event.labels[label],
            region != event.branch
        else { return nil }
        let wide = AlertKey(
            rule: event.rule, series: SeriesKey(branch: region, metric: event.metric))
        return isFiring(wide) ? "inhibited by the firing alert of \(region)" : nil
    }

    private struct GroupKey: Hashable {
        var notifier: String
        var rule: String
        var status: AlertEvent.Status
        var isReminder: Bool
        var timestamp: Int64
        /// Set for notifiers that take one event per message, so each event is its own group.
        var eventKey: String?

        init(notifier: String, event: AlertEvent, alone: Bool) {
            self.notifier = notifier
            rule = event.rule
            status = event.status
            isReminder = event.isReminder
            timestamp = event.timestamp
            eventKey = alone ? event.key : nil
        }
    }
}
