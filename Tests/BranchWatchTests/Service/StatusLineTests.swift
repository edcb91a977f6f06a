// STATUS lines say what happened in plain words and come at most a few a second.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct StatusLineTests {
    @Test func duplicatesAreNotAppliedAndABurstOfDeliveriesSendsFewStatusLines() throws {
        let directory = try TemporaryDirectory("bw-status-line")
        // Each answer takes 0.1 s, so they arrive one by one, as from a distant chat.
        let sink = try SlowSink(delay: 0.1)
        defer { sink.stop() }
        try directory.write(
            "rules/sales.yaml",
            SalesJumpRule.text(notify: ["hook"]))
        let config = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            timezone: UTC
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers:
              hook: { type: webhook, url: "\(sink.url("/hook"))", rate_per_minute: 6000 }
            delivery: { stop_deadline: 1s }
            """)
        // Forty branches with ten quiet days each; the same file again under another name.
        let branches = (1...40).map { "B\($0)" }
        let history =
            "timestamp,branch,metric,value\n"
            + (1...10).flatMap { day in
                branches.map {
                    "2024-03-\(String(format: "%02d", day)),\($0),sales,\(9 + day % 2 * 2)\n"
                }
            }.joined()
        try directory.write("inbox/a-history.csv", history)
        try directory.write("inbox/b-copy.csv", history)
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        let daemon = try DaemonProcess(
            ["run", "--config", config], environment: ["NOTIFY_SOCKET": socket.path])
        let ready = try #require(socket.waitForMessage(with: "READY=1"), "\(daemon.standardError)")
        #expect(
            socket.messages[ready].contains(
                "watching the inbox; 1 file applied, 1 duplicate skipped, 0 rejected since start; "
                    + "0 alert messages waiting"), "\(socket.messages[ready])")

        // Forty alerts, one webhook message each, delivered in a burst.
        let spike =
            "timestamp,branch,metric,value\n"
            + branches.map { "2024-03-11,\($0),sales,60\n" }.joined()
        try directory.write("inbox/c-spike.csv.tmp", spike)
        rename(directory.path + "/inbox/c-spike.csv.tmp", directory.path + "/inbox/c-spike.csv")
        // The socket is read all along, so arrival times are send times.
        let settled = socket.waitFor(timeout: 20) { messages in
            messages.last?.contains("2 files applied, 1 duplicate skipped") == true
                && messages.last?.contains("; 0 alert messages waiting") == true
        }
        #expect(settled, "\(socket.messages.suffix(3))")
        #expect(sink.waitForRequests(40) == 40)
        // The answers come over about a second (0.1 s each, four open at once); STATUS lines
        // about them come at most two a second.
        let times = socket.messages.indices.filter {
            $0 > ready && socket.messages[$0].hasPrefix("STATUS=")
        }.map { socket.arrivals[$0] }
        let closest = zip(times.dropFirst(), times).map { $0 - $1 }.min() ?? 1
        #expect(closest > 0.4, "\(times.count) STATUS lines, two \(closest)s apart")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit() == 0)
    }

    @Test func silenceAddBeforeTheFirstRunSaysWhatToDo() throws {
        let directory = try TemporaryDirectory("bw-silence-first")
        try directory.write("rules/r.yaml", SystemdNotifyTests.rule)
        let config = try directory.write(
            "branchwatch.yaml",
            "state_dir: state\ninbox: { path: inbox }\nrules: [rules/*.yaml]\n"
                + "notifiers: { console: { type: console } }\n")
        let result = try ToolRun.run(
            DaemonProcess.binaryPath,
            [
                "silence", "add", "--config", config, "--branch", "B07", "--until", "2h",
                "--reason", "x",
            ])
        #expect(result.status == 1)
        #expect(result.errors.contains("no state database at"), "\(result.errors)")
        #expect(result.errors.contains("run branchwatch once first"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/state"))
    }
}
