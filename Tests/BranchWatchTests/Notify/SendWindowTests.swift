// Per-minute caps hold in every 60 s window, and a notifier keeps few requests open.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct SendWindowTests {
    /// Queues `count` messages for `notifier`, each in a lane of its own.
    static func queue(_ count: Int, for notifier: String, in store: StateStore) throws {
        for index in 0..<count {
            try store.enqueue(
                eventKey: "r/B\(index)/firing/1", notifier: notifier, orderKey: "r/B\(index)",
                payload: "{\"key\":\"r/B\(index)/firing/1\"}")
        }
    }

    /// The most sends in any `seconds`-long stretch of `times`.
    static func busiest(_ times: [Double], seconds: Double) -> Int {
        times.map { start in times.count { $0 >= start && $0 < start + seconds } }.max() ?? 0
    }

    @Test func aGreedySenderNeverPutsMoreThanTwentyInAnyMinute() {
        var window = SendWindow(DingTalkPlatform().rate ?? SendingRate([]))
        var sent: [Double] = []
        var now = 0.0
        while now < 300 {
            if let next = window.availableAt(now: now) {
                now = next
                continue
            }
            window.record(now)
            sent.append(now)
        }
        #expect(Self.busiest(sent, seconds: 60) == 20)
        // Twenty at once, then twenty each minute after: no slower than the cap either.
        #expect(sent.count == 100)
    }

    @Test func dingTalkGetsTwentyThenNothingUntilTheMinuteIsOver() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.setDefault("/ding", ScriptedResponse(status: 200, body: #"{"errcode":0}"#))
        try Self.queue(30, for: "ding", in: store)
        var notifier = NotifierConfig(name: "ding", type: .dingtalk, url: sink.url("/ding"))
        notifier.maxInFlight = 64
        let deliverer = OutboxDeliverer(
            store: store, notifiers: ["ding": notifier], settings: DeliverySettings(),
            logger: LogCapture().logger())
        let start = WallClock.now()

        let first = try deliverer.deliverDue(now: start)
        // A bucket that started full would have let ten more through by half a minute.
        let halfway = try deliverer.deliverDue(now: start + 30)
        let later = try deliverer.deliverDue(now: start + 61)

        #expect(first.delivered == 20)
        #expect(abs((first.nextAttemptAt ?? 0) - (start + 60)) < 2)
        #expect(halfway.delivered == 0)
        #expect(later.delivered == 10)
        #expect(sink.requests.count == 30)
    }

    @Test func aWebhookHasAtMostFourRequestsOpenAtOnce() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try SlowSink(delay: 0.3)
        defer { sink.stop() }
        try Self.queue(8, for: "hook", in: store)
        let notifier = NotifierConfig(name: "hook", type: .webhook, url: sink.url())
        let deliverer = OutboxDeliverer(
            store: store, notifiers: ["hook": notifier], settings: DeliverySettings(),
            logger: LogCapture().logger())

        let report = try deliverer.deliverDue()

        #expect(report.delivered == 8)
        #expect(sink.peakOpen == 4)
        #expect(sink.received.count == 8)
    }

    @Test func maxInFlightIsReadFromTheConfig() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/r.yaml",
            "rules:\n  - { name: r, metric: m, detector: { type: ewma }, when: z > 9, notify: [h] }\n"
        )
        let path = try directory.write(
            "branchwatch.yaml",
            """
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              h: { type: webhook, url: "http://127.0.0.1:9/h", max_in_flight: 2 }
            """)
        #expect(try ConfigLoader.load(path).notifiers["h"]?.maxInFlight == 2)
    }
}
