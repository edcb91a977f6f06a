// kill -9 at random points while the real executable applies a series of drops, restart it
// each time, and end exactly where one uninterrupted run ends.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct CrashConsistencyTests {
    /// A folder with config, rules and the drops in its inbox, posting to `url`.
    static func prepare(url: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("branchwatch-crash")
        try directory.write("rules/r.yaml", CrashDrops.rules)
        try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            \(CrashDrops.inboxSettings)
            rules: [rules/*.yaml]
            notifiers: { hook: { type: webhook, url: "\(url)" } }
            delivery: { timeout: 5s, once_deadline: 10s }
            log_level: warning
            """)
        try FileManager.default.createDirectory(
            atPath: directory.path + "/inbox", withIntermediateDirectories: true)
        for (name, bytes) in CrashDrops.files() {
            FileManager.default.createFile(
                atPath: directory.path + "/inbox/" + name, contents: Data(bytes))
        }
        return directory
    }

    static func run(_ directory: TemporaryDirectory) throws -> BranchwatchProcess {
        try BranchwatchProcess(
            ["run", "--once", "--config", directory.path + "/branchwatch.yaml"],
            logPath: directory.path + "/log")
    }

    /// Drops not yet applied or rejected: waiting in the inbox or in `processing/`.
    static func unfinished(_ directory: TemporaryDirectory) -> Int {
        (directory.files(in: "inbox") + directory.files(in: "inbox/processing")).filter {
            !$0.hasPrefix(".") && $0.contains(".")
        }.count
    }

    /// The distinct alert events the sink received on `path`: delivery is at least once, so
    /// a run killed after a post and before its outbox row was removed sends it again.
    static func delivered(_ sink: HTTPSink, path: String) -> Set<String> {
        Set(sink.requests.filter { $0.path == path }.map(\.body))
    }

    @Test(.enabled(if: BranchwatchProcess.isBuilt, "needs `swift build` first"))
    func killedAndRestartedRunsEndWhereOneUninterruptedRunEnds() throws {
        let sink = try HTTPSink()
        defer { sink.stop() }
        let calm = try Self.prepare(url: sink.url("/calm"))
        let started = Date()
        let calmRun = try Self.run(calm)
        defer { calmRun.send(SIGKILL) }
        try #require(calmRun.waitForExit(timeout: 60) == 0)
        let calmSeconds = Date().timeIntervalSince(started)
        let expected = try StateDump.of(calm.path)

        // Start-up alone, on an empty inbox, to place the kills after it as well as during.
        let empty = try Self.prepare(url: sink.url("/empty"))
        for name in empty.files(in: "inbox") {
            try FileManager.default.removeItem(atPath: empty.path + "/inbox/" + name)
        }
        let startupBegan = Date()
        try #require(try Self.run(empty).waitForExit(timeout: 60) == 0)
        let startup = Date().timeIntervalSince(startupBegan)

        let crashed = try Self.prepare(url: sink.url("/crashed"))
        var random = SeededGenerator(seed: 42)
        var kills = 0
        var killsMidFile = 0
        var runs = 0
        // Kills fall anywhere from start-up to a few files in. The window follows how far
        // each run got, so that a run finishes about one file whatever the machine's speed:
        // many kills, most of them in the middle of a file, and steady progress to the end.
        let perFile = max(0.001, calmSeconds - startup) / Double(CrashDrops.fileCount + 4)
        var window = startup + 2 * perFile
        while true {
            runs += 1
            try #require(runs < 3000, "no progress after \(kills) kills")
            let waiting = Self.unfinished(crashed)
            let process = try Self.run(crashed)
            defer { process.send(SIGKILL) }
            if process.hasEnded(within: Double.random(in: 0...window, using: &random)) {
                #expect(process.waitForExit(timeout: 1) == 0)
                break
            }
            process.send(SIGKILL)
            try #require(process.hasEnded(within: 10))
            kills += 1
            if crashed.files(in: "inbox/processing").contains(where: { !$0.hasPrefix(".") }) {
                killsMidFile += 1
            }
            let finished = waiting - Self.unfinished(crashed)
            window *= finished > 1 ? 0.8 : finished == 0 ? 1.1 : 1
        }
        let found = try StateDump.of(crashed.path)
        let calmEvents = Self.delivered(sink, path: "/calm")
        let crashedEvents = Self.delivered(sink, path: "/crashed")
        let resent = sink.requests.filter { $0.path == "/crashed" }.count - crashedEvents.count

        print(
            "crash consistency: \(kills) kills (\(killsMidFile) with a file in processing/) in "
                + "\(runs) runs; calm run \(Int(calmSeconds * 1000)) ms, start-up "
                + "\(Int(startup * 1000)) ms; \(expected.count) "
                + "state lines and \(calmEvents.count) alert events compared; \(resent) resent")
        #expect(kills >= 50)
        #expect(killsMidFile >= 10)
        #expect(found == expected)
        #expect(crashedEvents == calmEvents)
        // The comparison is not between two empty states.
        #expect(expected.filter { $0.hasPrefix("applied|") }.count == CrashDrops.fileCount + 2)
        #expect(calmEvents.count >= 10)
        #expect(expected.contains { $0.hasPrefix("file|inbox/rejected/zz-1-all-bad.csv.error|") })
    }
}
