// A webhook that accepts and never answers delays neither READY, nor drops, nor pings, nor stop.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct HangingWebhookTests {
    @Test func theServiceStaysPromptWhileItsOnlyWebhookHangs() throws {
        let directory = try TemporaryDirectory("bw-hang-systemd")
        let hang = try SlowSink(delay: nil)
        defer { hang.stop() }
        let path = try DeliveryIsolationTests.write(
            directory, hang: hang, ok: nil, stopDeadline: "2s")
        // The tryout's settings: requests may hang for 20 s.
        let config = try String(contentsOfFile: path, encoding: .utf8)
        try directory.write(
            "branchwatch.yaml",
            config.replacingOccurrences(of: "timeout: 60s", with: "timeout: 20s"))
        try directory.write("inbox/1-history.csv", SystemdNotifyTests.history)
        try directory.write("inbox/2-spike.csv", DeliveryIsolationTests.spike)
        let socket = try NotifySocket(path: directory.path + "/notify.sock")
        let started = Date().timeIntervalSinceReferenceDate
        let daemon = try DaemonProcess(
            ["run", "--config", path],
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])

        // READY once the backlog (whose spike goes to the hanging webhook) is applied.
        let ready = try #require(socket.waitForMessage(with: "READY=1"), "\(daemon.standardError)")
        let readyAfter = socket.arrivals[ready] - started
        #expect(readyAfter < 2, "READY came \(readyAfter)s after start")
        #expect(hang.waitForRequests(1) == 1)

        // A new drop is applied while the request hangs.
        let dropped = Date()
        try directory.write("inbox/3-calm.csv.tmp", DeliveryIsolationTests.calm)
        rename(directory.path + "/inbox/3-calm.csv.tmp", directory.path + "/inbox/3-calm.csv")
        let applied = Wait.until(timeout: 10) {
            directory.files(in: "inbox/done").contains("3-calm.csv")
        }
        let appliedAfter = Date().timeIntervalSince(dropped)
        #expect(applied && appliedAfter < 2, "the drop waited \(appliedAfter)s")

        // Watchdog pings keep coming every half second or so: eight of them after READY.
        let pings = socket.waitFor(timeout: 10) { messages in
            messages[(ready + 1)...].count { $0.contains("WATCHDOG=1") } >= 8
        }
        #expect(pings)
        let times = socket.messages.indices.filter {
            $0 > ready && socket.messages[$0].contains("WATCHDOG=1")
        }.map { socket.arrivals[$0] }
        let widest = zip(times.dropFirst(), times).map { $0 - $1 }.max() ?? 0
        #expect(widest < 0.9, "watchdog pings \(widest)s apart with a 1 s watchdog")

        let signalled = Date()
        daemon.send(SIGTERM)
        #expect(socket.waitForMessage(with: "STOPPING=1", after: ready) != nil)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        let stopTook = Date().timeIntervalSince(signalled)
        #expect(stopTook < 4, "exit took \(stopTook)s with stop_deadline 2s")
    }
}
