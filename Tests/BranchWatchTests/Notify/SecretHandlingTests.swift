// Secrets come from the environment or systemd credentials and never reach a log line or
// the state database, even when a platform echoes them back in an error.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@testable import BranchWatch

@Suite struct SecretHandlingTests {
    @Test func aKnownSecretIsNowhereInLogsOrDatabaseAfterRefusalsAndRetries() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink(listening: false)
        defer { sink.stop() }
        let config = try DeliveryTests.writeConfig(directory, sink: sink, tag: "LEAK")
        try DeliveryTests.dropFiles(into: directory)
        let token = DeliveryTests.token
        let secret = DeliveryTests.secret
        // The platform echoes the token and the secret back, as a careless one might.
        sink.script(
            "/ding",
            [
                ScriptedResponse(
                    status: 500, body: "upstream failed for access_token=\(token) \(secret)"),
                ScriptedResponse(
                    status: 200,
                    body: #"{"errcode":310000,"errmsg":"sign not match, token "# + token + #""}"#),
            ])
        sink.setDefault("/ding", ScriptedResponse(status: 200, body: #"{"errcode":0}"#))
        let logs = LogCapture()

        let daemon = try DaemonHarness(config: config, logger: logs.logger(level: .trace))
        #expect(logs.waitForLine(containing: "Couldn't connect"))
        try sink.startListening()
        let requests = sink.wait(timeout: 20) { requests in
            DeliveryTests.accepted(requests, route: "/ding").count >= 1
                && DeliveryTests.accepted(requests, route: "/hook").count >= 4
        }
        // Delivery runs on its own thread: wait until it has recorded every acceptance.
        #expect(logs.waitForLines(containing: "alert delivered", count: 5))
        try daemon.stop()

        // Two grouped DingTalk messages: the firing one is refused for good, the other lands.
        #expect(DeliveryTests.accepted(requests, route: "/ding").count == 1)
        #expect(
            logs.lines.contains { $0.contains("alert refused for good") && $0.contains("310000") })
        let store = try StateStore(path: config.databasePath)
        let letters = try store.deadLetters()
        #expect(letters.count == 1)
        #expect(letters.first?.reason.contains("errcode 310000") == true)
        #expect(try store.outboxCount() == 0)

        let everything = logs.lines.joined() + (letters.first?.reason ?? "")
        #expect(!everything.contains(token), "token leaked into logs")
        #expect(!everything.contains(secret), "secret leaked into logs")
        for suffix in ["", "-wal"] {
            let path = config.databasePath + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(token), "token in \(path)")
            #expect(!text.contains(secret), "secret in \(path)")
        }
    }

    @Test func credentialsAreReadFromTheCredentialsDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("creds/ding-secret", "from-a-credential\n")
        setenv("CREDENTIALS_DIRECTORY", directory.path + "/creds", 1)
        #expect(try SecretReference("credential:ding-secret")?.resolve() == "from-a-credential")
        #expect(throws: SecretError.missingEnvironment("BW_SURELY_UNSET_VARIABLE")) {
            try SecretReference("env:BW_SURELY_UNSET_VARIABLE")?.resolve()
        }
        #expect(SecretReference("credential:../etc/passwd") == nil)
    }

    @Test func aSecretWrittenInTheConfigItselfIsRefused() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "rules/none.yaml",
            "rules:\n  - { name: r, metric: m, detector: { type: ewma }, when: z > 9, notify: [d] }\n"
        )
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              d: { type: dingtalk, url: "https://x/robot?access_token=abc", secret: SECplain }
            """)
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.load(path) }
        #expect(error.description.contains("branchwatch.yaml:5:"))
        #expect(error.description.contains("env:NAME"))
        #expect(!error.description.contains("SECplain"))
    }

    @Test func anAlertUndeliveredPastTheMaximumAgeMovesToTheDeadLetterTable() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(path: directory.path + "/state.sqlite")
        try store.enqueue(
            eventKey: "r/B1/m/firing/1", notifier: "gone", orderKey: "r/B1", payload: "{}")
        var settings = DeliverySettings()
        settings.maximumAge = 60
        let logs = LogCapture()
        let deliverer = OutboxDeliverer(
            store: store, notifiers: [:], settings: settings, logger: logs.logger())

        let early = try deliverer.deliverDue(now: WallClock.now() + 30)
        #expect(early.remaining == 1)
        let late = try deliverer.deliverDue(now: WallClock.now() + 120)
        #expect(late.remaining == 0)
        #expect(deliverer.counters.deadLettered == 1)
        #expect(try store.deadLetters().map(\.eventKey) == ["r/B1/m/firing/1"])
        #expect(logs.lines.contains { $0.contains("undelivered too long") })
    }
}
