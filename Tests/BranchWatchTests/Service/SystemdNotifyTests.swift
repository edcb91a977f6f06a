// Plays systemd for the real binary: a NOTIFY_SOCKET, a watchdog, SIGHUP and SIGTERM.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct SystemdNotifyTests {
    static let rule = SalesJumpRule.text(notify: ["console"])

    static let config = """
        state_dir: state
        timezone: UTC
        inbox: { path: inbox }
        rules: [rules/*.yaml]
        notifiers:
          console: { type: console }
        delivery: { stop_deadline: 2s }
        log_level: info
        """

    static let history =
        "timestamp,branch,metric,value\n"
        + (1...10).map { "2024-03-\(String(format: "%02d", $0)),B07,sales,\(9 + $0 % 2 * 2)\n" }
        .joined()

    @Test func notificationsArriveInOrderThroughReloadsAndStop() throws {
        let directory = try TemporaryDirectory("bw-notify")
        try directory.write("rules/sales.yaml", Self.rule)
        let configPath = try directory.write("branchwatch.yaml", Self.config)
        try directory.write("inbox/history.csv", Self.history)
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        // A 0.4 s watchdog: the daemon must ping every 0.2 s or so.
        let daemon = try DaemonProcess(
            ["run", "--config", configPath],
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])

        // READY comes only once the file already waiting is applied.
        let ready = try #require(socket.waitForMessage(with: "READY=1"), "\(daemon.standardError)")
        #expect(directory.files(in: "inbox/done") == ["history.csv"])
        let firstPing = try #require(socket.waitForMessage(with: "WATCHDOG=1", after: ready))

        // A good reload: RELOADING, then READY again, then the loop goes on pinging.
        daemon.send(SIGHUP)
        let reloading = try #require(socket.waitForMessage(with: "RELOADING=1", after: firstPing))
        let reloaded = try #require(socket.waitForMessage(with: "READY=1", after: reloading))
        #expect(socket.messages[reloaded].contains("STATUS=config reloaded"))
        let pingAfterReload = try #require(
            socket.waitForMessage(with: "WATCHDOG=1", after: reloaded))

        // A bad config is refused with its diagnostics; the old config goes on.
        try directory.write("branchwatch.yaml", Self.config + "\nlog_levle: debug\n")
        daemon.send(SIGHUP)
        let second = try #require(
            socket.waitForMessage(with: "RELOADING=1", after: pingAfterReload))
        let refused = try #require(socket.waitForMessage(with: "READY=1", after: second))
        #expect(socket.messages[refused].contains("STATUS=reload refused"))
        #expect(
            daemon.waitForError(
                containing:
                    #"column=1 file=\#(configPath) line=9 problem="unknown key \"log_levle\"#
            ))

        // State survived both reloads: the warm-up from history lets this spike alert.
        try directory.write(
            "inbox/spike.csv", "timestamp,branch,metric,value\n2024-03-11,B07,sales,60\n")
        #expect(daemon.waitForOutput(containing: "B07 sold 60"), "\(daemon.standardError)")

        daemon.send(SIGTERM)
        let stopping = try #require(socket.waitForMessage(with: "STOPPING=1", after: refused))
        #expect(daemon.waitForExit() == 0)
        let kinds = socket.messages[...stopping].compactMap(Self.kind)
        #expect(kinds == ["READY", "RELOADING", "READY", "RELOADING", "READY", "STOPPING"])
    }

    /// The lifecycle assignment a message carries, if any.
    static func kind(_ message: String) -> String? {
        let lines = message.split(separator: "\n")
        return ["READY", "RELOADING", "STOPPING"].first { lines.contains("\($0)=1") }
    }
}
