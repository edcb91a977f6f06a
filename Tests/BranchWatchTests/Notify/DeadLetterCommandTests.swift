// The dead-letter command lists and re-queues what was given up on; notify-test shows
// Retry-After.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

@Suite struct DeadLetterCommandTests {
    static func writeConfig(_ directory: TemporaryDirectory, url: String) throws -> String {
        try directory.write(
            "rules/r.yaml",
            "rules:\n  - { name: r, metric: m, detector: { type: ewma }, when: z > 9, notify: [h] }\n"
        )
        return try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              h: { type: webhook, url: "\(url)" }
            """)
    }

    static func run(_ arguments: [String]) throws -> DaemonProcess {
        let process = try DaemonProcess(arguments)
        _ = process.waitForExit(timeout: 20)
        return process
    }

    @Test func listShowsDeadLettersAndRetryPutsThemBack() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.writeConfig(directory, url: "http://127.0.0.1:9/h")
        let config = try ConfigLoader.load(path)
        try FileManager.default.createDirectory(
            atPath: config.stateDirectory, withIntermediateDirectories: true)
        do {
            let store = try StateStore(path: config.databasePath)
            for index in 1...2 {
                try store.enqueue(
                    eventKey: "r/B\(index)/m/firing/1", notifier: "h", orderKey: "r/B\(index)",
                    payload: "{}")
            }
            for entry in try store.outboxEntries() {
                try store.deadLetter(id: entry.id, reason: "refused: HTTP 404\n<html>", at: 0)
            }
        }

        let listed = try Self.run(["dead-letter", "list", "--config", path])
        #expect(listed.waitForExit() == 0)
        let lines = listed.standardOutput.split(separator: "\n")
        #expect(lines.count == 3, "\(listed.standardOutput)")
        #expect(lines.first?.hasPrefix("1\t1970-01-01T00:00:00Z\th\tr/B1/m/firing/1\t") == true)
        #expect(lines.first?.hasSuffix(#"refused: HTTP 404\n<html>"#) == true)
        #expect(lines.last == "2 dead letters")

        let one = try Self.run(["dead-letter", "retry", "2", "--config", path])
        #expect(one.waitForExit() == 0)
        let store = try StateStore(path: config.databasePath)
        #expect(try store.outboxEntries().map(\.eventKey) == ["r/B2/m/firing/1"])
        #expect(try store.outboxEntries().first?.attempts == 0)

        let rest = try Self.run(["dead-letter", "retry", "--all", "--config", path])
        #expect(rest.waitForExit() == 0)
        #expect(try store.outboxCount() == 2)
        #expect(try store.deadLetterCount() == 0)

        let missing = try Self.run(["dead-letter", "retry", "7", "--config", path])
        #expect(missing.waitForExit() == 1)
    }

    @Test func notifyTestPrintsRetryAfter() throws {
        let directory = try TemporaryDirectory()
        let sink = try HTTPSink()
        defer { sink.stop() }
        sink.setDefault("/h", ScriptedResponse(status: 429, headers: ["Retry-After: 30"]))
        let path = try Self.writeConfig(directory, url: sink.url("/h"))

        let process = try Self.run(["notify-test", "h", "--config", path])

        #expect(process.waitForExit() == 1)
        #expect(process.standardOutput.contains("HTTP 429\nRetry-After: 30\n"))
    }
}
