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
            notifiers: { hook: { type: webhook, url: "\(url)", rate_per_minute: 60000 } }
            delivery: { timeout: 5s, once_deadline: 10s }
            log_level: warning
            """)
        try FileManager.default.createDirectory(
            atPath: directory.path + "/inbox", withIntermediateDirectories: true)
        for (name, bytes) in CrashDrops.files() {
            try directory.write("inbox/" + name, bytes: bytes)
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

    /// What one campaign of kills and restarts came to.
    struct Campaign {
        var kills = 0
        var killsMidFile = 0
        var runs = 0
        var dump: [String] = []
        var events: Set<String> = []
        var resent = 0
    }

    /// Applies the drops with kill -9 at random points and a restart after each, until a
    /// run ends by itself.
    ///
    /// One run in five is killed during start-up and the resumption of what the last one
    /// left; the others after the next file is finished, a random part of the time that
    /// file took later: in the middle of the next one, between two, or while moving one on.
    static func campaign(
        seed: UInt64, sink: HTTPSink, startup: Double
    ) throws -> Campaign {
        let path = "/crashed-\(seed)"
        let crashed = try prepare(url: sink.url(path))
        var random = SeededGenerator(seed: seed)
        var result = Campaign()
        while true {
            result.runs += 1
            try #require(result.runs < 3000, "no progress after \(result.kills) kills")
            let waiting = unfinished(crashed)
            let launched = Date()
            let process = try run(crashed)
            defer { process.send(SIGKILL) }
            var delay = Double.random(in: 0...startup, using: &random)
            if Int.random(in: 0..<5, using: &random) != 0 {
                _ = Wait.until(timeout: 30, interval: 0.001) {
                    unfinished(crashed) < waiting || !process.isRunning
                }
                let oneFile = max(0.001, Date().timeIntervalSince(launched) - startup)
                delay = Double.random(in: 0...oneFile, using: &random)
            }
            if process.hasEnded(within: delay) {
                #expect(process.waitForExit(timeout: 1) == 0)
                break
            }
            process.send(SIGKILL)
            try #require(process.hasEnded(within: 10))
            result.kills += 1
            if crashed.files(in: "inbox/processing").contains(where: { !$0.hasPrefix(".") }) {
                result.killsMidFile += 1
            }
        }
        result.dump = try StateDump.of(crashed.path)
        result.events = delivered(sink, path: path)
        result.resent = sink.requests.filter { $0.path == path }.count - result.events.count
        return result
    }

    /// The lines only one of two dumps holds, each cut to 300 characters with line breaks
    /// shown as `\n`, so a failure says what differs rather than printing both dumps.
    static func difference(crashed: [String], calm: [String]) -> String {
        let show = { (line: String) -> String in
            let flat = line.replacingOccurrences(of: "\n", with: "\\n")
            return flat.count > 300 ? flat.prefix(300) + "…" : flat
        }
        let calmSet = Set(calm)
        let crashedSet = Set(crashed)
        let onlyCrashed = crashed.filter { !calmSet.contains($0) }.map { "+ " + show($0) }
        let onlyCalm = calm.filter { !crashedSet.contains($0) }.map { "- " + show($0) }
        let counts = crashed.count == calm.count ? "" : " (\(crashed.count) vs \(calm.count))"
        return "only after the crashes (+) or only in the calm run (-)\(counts):\n"
            + (onlyCrashed + onlyCalm).joined(separator: "\n")
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
        let calmEvents = Self.delivered(sink, path: "/calm")

        // Start-up alone, on an empty inbox, to place some kills inside it.
        let empty = try Self.prepare(url: sink.url("/empty"))
        for name in empty.files(in: "inbox") {
            try FileManager.default.removeItem(atPath: empty.path + "/inbox/" + name)
        }
        let startupBegan = Date()
        try #require(try Self.run(empty).waitForExit(timeout: 60) == 0)
        let startup = Date().timeIntervalSince(startupBegan)

        // Campaigns on fresh copies until enough kills have landed, each compared on its own.
        var total = Campaign()
        var campaigns = 0
        while total.kills < 60 && campaigns < 6 {
            campaigns += 1
            let result = try Self.campaign(
                seed: UInt64(campaigns), sink: sink, startup: startup)
            #expect(
                result.dump == expected,
                """
                campaign \(campaigns): state differs
                \(Self.difference(crashed: result.dump, calm: expected))
                """)
            #expect(result.events == calmEvents, "campaign \(campaigns): alerts differ")
            total.kills += result.kills
            total.killsMidFile += result.killsMidFile
            total.runs += result.runs
            total.resent += result.resent
        }
        print(
            "crash consistency: \(total.kills) kills (\(total.killsMidFile) with a file in "
                + "processing/) in \(total.runs) runs over \(campaigns) campaigns; calm run "
                + "\(Int(calmSeconds * 1000)) ms, start-up \(Int(startup * 1000)) ms; "
                + "\(expected.count) state lines and \(calmEvents.count) alert events compared "
                + "after each; \(total.resent) alerts resent")
        #expect(total.kills >= 60)
        #expect(total.killsMidFile >= 20)
        // The comparison is not between two empty states.
        #expect(expected.filter { $0.hasPrefix("applied|") }.count == CrashDrops.fileCount + 2)
        #expect(calmEvents.count >= 10)
        #expect(expected.contains { $0.hasPrefix("file|inbox/rejected/zz-1-all-bad.csv.error|") })
    }
}
