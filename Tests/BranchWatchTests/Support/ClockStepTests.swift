// A wall clock set back must neither stop watchdog pings nor delay retries or new messages.
import BranchWatchTestSupport
import Testing

@testable import BranchWatch

@Suite struct ClockStepTests {
    @Test func watchdogPingsGoOnWhenTheWallClockIsSetBack() {
        let time = SteppingClock()
        var timer = WatchdogTimer(timeout: 10, clock: time.clock)
        let notifier = SystemdNotifier()
        let firstPing = timer.pingIfDue(notifier)
        #expect(firstPing)
        #expect(timer.secondsUntilDue() == 5)

        time.stepWall(-3600)
        time.advance(5)
        #expect(timer.secondsUntilDue() == 0)
        let pingAfterStep = timer.pingIfDue(notifier)
        #expect(pingAfterStep, "no ping 5 s on after the clock went back")

        time.stepWall(+7200)
        #expect(timer.secondsUntilDue() == 5)
        let earlyPing = timer.pingIfDue(notifier)
        #expect(!earlyPing, "a clock set forward pinged early")
    }

    /// One message whose first attempt fails; after its backoff (at most 2 s) and a wall
    /// clock set back an hour, the retry and a message queued since both go.
    @Test func retriesAndNewMessagesGoWhenTheWallClockIsSetBack() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.script("/hook", [ScriptedResponse(status: 503)])
        try SendWindowTests.queue(1, for: "n", in: store)
        var settings = DeliverySettings()
        settings.initialBackoff = 2
        let time = SteppingClock()
        let deliverer = OutboxDeliverer(
            store: store,
            notifiers: ["n": NotifierConfig(name: "n", type: .webhook, url: sink.url("/hook"))],
            settings: settings, logger: LogCapture().logger(), clock: time.clock)

        let first = try deliverer.deliverDue(now: time.clock.wall())
        #expect(first.failed == 1 && first.remaining == 1)

        time.stepWall(-3600)
        try store.enqueue(eventKey: "r/B9/firing/1", notifier: "n", orderKey: "r/B9", payload: "{}")
        let early = try deliverer.deliverDue(now: time.clock.wall())
        #expect(early.delivered == 1, "the new message waited for the wall clock")

        time.advance(2.1)
        let later = try deliverer.deliverDue(now: time.clock.wall())
        #expect(later.delivered == 1, "the retry waited for the wall clock")
        #expect(later.remaining == 0)
        #expect(sink.requests.count == 3)
    }
}
