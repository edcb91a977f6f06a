// Delivery against a real sink on 127.0.0.1 that refuses, fails, throttles, answers an
// error code in a 200 body, then accepts: every alert arrives once, in order per rule.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@testable import BranchWatch

@Suite struct DeliveryTests {
    static let token = "TOKEN-SECRET-123"
    static let secret = "SECknown-signing-secret-456"

    /// Ten quiet days at B07 and B08, a jump at both on day 11, calm on day 12: four events,
    /// firing then resolved for each branch. The webhook gets one message per event; the
    /// chat robot one per step: both branches firing (worst first), then both resolved.
    static let drops = [
        "1-history.csv": "timestamp,branch,metric,value\n"
            + (1...10).map { day in
                let value = day % 2 == 0 ? 11 : 9
                let date = "2024-03-\(day < 10 ? "0" : "")\(day)"
                return "\(date),B07,sales,\(value)\n\(date),B08,sales,\(value)\n"
            }.joined(),
        "2-spike.csv": "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n"
            + "2024-03-11,B08,sales,70\n",
        "3-calm.csv": "timestamp,branch,metric,value\n2024-03-12,B07,sales,10\n"
            + "2024-03-12,B08,sales,10\n",
    ]

    /// A config with a signed DingTalk robot and a plain webhook, both on `sink`, whose
    /// DingTalk URL and secret come from environment variables unique to this test.
    static func writeConfig(_ directory: TemporaryDirectory, sink: HTTPSink, tag: String)
        throws -> Config
    {
        setenv("BW_\(tag)_DING_URL", sink.url("/ding?access_token=\(token)"), 1)
        setenv("BW_\(tag)_DING_SECRET", secret, 1)
        try directory.write(
            "rules/sales.yaml",
            SalesJumpRule.text(notify: ["ding", "hook"]))
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              ding:
                type: dingtalk
                url: env:BW_\(tag)_DING_URL
                secret: env:BW_\(tag)_DING_SECRET
                rate_per_minute: 6000
              hook: { type: webhook, url: "\(sink.url("/hook"))" }
            delivery:
              timeout: 2s
              connect_timeout: 1s
              initial_backoff: 50ms
              max_backoff: 1s
              once_deadline: 20s
              stop_deadline: 0s
            """)
        return try ConfigLoader.load(path)
    }

    static func dropFiles(into directory: TemporaryDirectory) throws {
        for (name, text) in drops.sorted(by: { $0.key < $1.key }) {
            try directory.write("inbox/" + name, text)
        }
    }

    /// Scripts both routes: each first fails with 500, then 429 with Retry-After; DingTalk
    /// then answers 200 with its "system busy" code; after that both accept.
    static func scriptFailures(_ sink: HTTPSink) {
        let throttled = ScriptedResponse(status: 429, headers: ["Retry-After: 1"])
        sink.script(
            "/ding",
            [
                ScriptedResponse(status: 500), throttled,
                ScriptedResponse(
                    status: 200, body: #"{"errcode":-1,"errmsg":"system busy"}"#),
            ])
        sink.script("/hook", [ScriptedResponse(status: 500), throttled])
        sink.setDefault(
            "/ding", ScriptedResponse(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#))
    }

    /// Requests the platform counted as delivered: DingTalk errcode 0, webhook 2xx.
    static func accepted(_ requests: [ReceivedRequest], route: String) -> [ReceivedRequest] {
        requests.filter { request in
            guard request.route == route, (200..<300).contains(request.answer.status) else {
                return false
            }
            return route != "/ding" || request.answer.body.contains(#""errcode":0"#)
        }
    }

    static func key(_ request: ReceivedRequest) -> String {
        let json = request.json ?? [:]
        return (json["msgUuid"] as? String) ?? (json["key"] as? String) ?? ""
    }

    static func allDelivered(_ requests: [ReceivedRequest]) -> Bool {
        accepted(requests, route: "/ding").count >= 2
            && accepted(requests, route: "/hook").count >= 4
    }

    /// Every key accepted exactly once, and per branch firing before resolved.
    static func checkOncePerKeyInOrder(_ requests: [ReceivedRequest]) {
        let groups = accepted(requests, route: "/ding")
        #expect(Set(groups.map(key)).count == 2, "\(groups.map(key))")
        let texts = groups.map(\.body)
        #expect(texts.first?.contains("FIRING sales-jump [critical] at 2 branches") == true)
        #expect(texts.last?.contains("RESOLVED sales-jump [critical] at 2 branches") == true)
        // B08 jumped further (70 against 60), so it comes first.
        let firing = texts.first ?? ""
        let b07 = firing.range(of: "B07 sold 60")
        let b08 = firing.range(of: "B08 sold 70")
        #expect(
            b07 != nil && b08 != nil
                && b08?.lowerBound ?? firing.endIndex < b07?.lowerBound ?? firing.startIndex,
            "\(firing)")
        for route in ["/hook"] {
            let keys = accepted(requests, route: route).map(key)
            #expect(keys.count == 4, "route \(route) accepted \(keys)")
            #expect(Set(keys).count == keys.count, "a key was accepted twice on \(route): \(keys)")
            for branch in ["B07", "B08"] {
                let mine = keys.filter { $0.contains("/\(branch)/") }
                #expect(mine.count == 2)
                #expect(mine.first?.contains("/firing/") == true, "\(route) \(branch): \(mine)")
                #expect(mine.last?.contains("/resolved/") == true, "\(route) \(branch): \(mine)")
            }
        }
    }

    /// The retry of a message answered 429 with Retry-After: 1 came a second later.
    static func checkRetryAfterHonoured(_ requests: [ReceivedRequest]) {
        for route in ["/ding", "/hook"] {
            guard
                let throttled = requests.first(where: {
                    $0.route == route && $0.answer.status == 429
                })
            else {
                Issue.record("no 429 on \(route)")
                continue
            }
            let mine = requests.filter { $0.route == route && key($0) == key(throttled) }
            guard let index = mine.firstIndex(where: { $0.answer.status == 429 }),
                index + 1 < mine.count
            else {
                Issue.record("no request after the 429 on \(route)")
                continue
            }
            let gap = mine[index + 1].receivedAt - mine[index].receivedAt
            #expect(gap >= 0.95, "retried \(gap)s after Retry-After: 1 on \(route)")
        }
    }

    /// Each DingTalk request is signed for its own millisecond timestamp.
    static func checkSigned(_ requests: [ReceivedRequest]) {
        for request in requests where request.route == "/ding" {
            guard let stamp = request.query("timestamp").flatMap({ Int64($0) }),
                let sign = request.query("sign")
            else {
                Issue.record("unsigned request \(request.path)")
                continue
            }
            let expected = DingTalkPlatform.signature(timestamp: stamp, secret: secret)
            #expect(sign == MessageSigner.queryEncoded(expected))
            #expect(abs(Double(stamp) / 1000 - Date().timeIntervalSince1970) < 3600)
        }
    }

    @Test func everyAlertArrivesOnceInOrderThroughRefusalErrorsAndThrottling() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink(listening: false)
        defer { sink.stop() }
        let config = try Self.writeConfig(directory, sink: sink, tag: "ONE")
        try Self.dropFiles(into: directory)
        let logs = LogCapture()

        let daemon = try DaemonHarness(config: config, logger: logs.logger())
        #expect(logs.waitForLine(containing: "Couldn't connect"), "refusal never logged")
        Self.scriptFailures(sink)
        try sink.startListening()
        let requests = sink.wait(timeout: 20, until: Self.allDelivered)
        // Delivery runs on its own thread: wait until it has recorded every acceptance.
        #expect(logs.waitForLines(containing: "alert delivered", count: 6))
        try daemon.stop()

        Self.checkOncePerKeyInOrder(requests)
        Self.checkRetryAfterHonoured(requests)
        Self.checkSigned(requests)
        let dingAnswers = requests.filter { $0.route == "/ding" }.map(\.answer.status)
        #expect(dingAnswers.prefix(3) == [500, 429, 200], "answers were \(dingAnswers)")
        let store = try StateStore(path: config.databasePath)
        #expect(try store.outboxCount() == 0)
        #expect(try store.deadLetterCount() == 0)
    }

    @Test func aRestartInTheMiddleLosesAndRepeatsNothing() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink(listening: false)
        defer { sink.stop() }
        let config = try Self.writeConfig(directory, sink: sink, tag: "TWO")
        try Self.dropFiles(into: directory)
        let logs = LogCapture()

        let first = try DaemonHarness(config: config, logger: logs.logger())
        #expect(logs.waitForLine(containing: "Couldn't connect"), "refusal never logged")
        Self.scriptFailures(sink)
        try sink.startListening()
        // Stop while the first messages wait out their Retry-After.
        _ = sink.wait { requests in requests.contains { $0.answer.status == 429 } }
        try first.stop()
        let before = try StateStore(path: config.databasePath).outboxCount()
        #expect(before > 0, "nothing was left to deliver after the restart")

        let second = try DaemonHarness(config: config, logger: logs.logger())
        let requests = sink.wait(timeout: 20, until: Self.allDelivered)
        #expect(logs.waitForLines(containing: "alert delivered", count: 6))
        try second.stop()

        Self.checkOncePerKeyInOrder(requests)
        Self.checkSigned(requests)
        #expect(try StateStore(path: config.databasePath).outboxCount() == 0)
    }
}
