// A URL or secret the environment does not provide: a warning from `check`, one error from `run`.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@testable import BranchWatch

@Suite struct UnresolvedReferenceTests {
    static func writeConfig(_ directory: TemporaryDirectory, extra: String = "") throws -> String {
        try directory.write(
            "rules/r.yaml",
            "rules:\n  - { name: r, metric: m, detector: { type: ewma }, when: z > 9, notify: [d] }\n"
        )
        return try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              d:
                type: dingtalk
                url: env:BW_SURELY_NOT_SET_URL
                secret: credential:missing
            \(extra)
            """)
    }

    @Test func checkWarnsWithThePlaceAndStillSucceeds() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.writeConfig(directory)
        let process = try DaemonProcess(
            ["check", "--config", path], environment: ["CREDENTIALS_DIRECTORY": directory.path])
        #expect(process.waitForExit(timeout: 20) == 0)
        let errors = process.standardError
        #expect(errors.contains("branchwatch.yaml:7:10: warning: notifier \"d\" url: environment"))
        #expect(errors.contains("BW_SURELY_NOT_SET_URL is not set"))
        #expect(
            errors.contains("branchwatch.yaml:8:13: warning: notifier \"d\" secret: credential"))
        #expect(errors.contains("the service's environment must provide it"))
        #expect(process.standardOutput.contains("ok (1 rule in 1 file, 1 notifier, 2 warnings)"))
    }

    @Test func checkStillFailsOnARealProblemBesideTheWarnings() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.writeConfig(directory, extra: "log_level: loud")
        let process = try DaemonProcess(["check", "--config", path])
        #expect(process.waitForExit(timeout: 20) == 1)
        #expect(process.standardError.contains("unknown log level"))
    }

    @Test func deliveryLogsTheMissingURLOnceAsAnErrorAndKeepsTheAlert() throws {
        let directory = try TemporaryDirectory()
        let config = try ConfigLoader.load(try Self.writeConfig(directory))
        let store = try StateStore(path: directory.path + "/state.sqlite")
        try store.enqueue(eventKey: "r/B1/firing/1", notifier: "d", orderKey: "r/B1", payload: "{}")
        var settings = DeliverySettings()
        settings.maximumBackoff = 60
        let logs = LogCapture()
        let deliverer = OutboxDeliverer(
            store: store, notifiers: config.notifiers, settings: settings, logger: logs.logger())

        let start = WallClock.now()
        for pass in 0..<4 { _ = try deliverer.deliverDue(now: start + Double(pass) * 61) }

        let errors = logs.lines.filter { $0.contains(" error ") }
        #expect(errors.count == 1, "\(logs.lines)")
        #expect(errors.first?.contains("BW_SURELY_NOT_SET_URL is not set") == true)
        #expect(!logs.lines.contains { $0.contains(" warning ") }, "\(logs.lines)")
        let entry = try #require(try store.outboxEntries().first)
        #expect(entry.attempts == 4)
        #expect(try store.deadLetterCount() == 0)
    }

    @Test func anEmptySecretIsRefused() throws {
        setenv("BW_EMPTY_SECRET", "", 1)
        #expect(throws: SecretError.empty("env:BW_EMPTY_SECRET")) {
            try SecretReference.resolve("env:BW_EMPTY_SECRET")
        }
    }
}
