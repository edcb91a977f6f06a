// Log lines: the journald priority prefix, one line per event, secrets masked, levels.
import BranchWatchTestSupport
import Foundation
import Testing

@testable import BranchWatch

/// Collects what a logger writes.
final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }

    func logger(_ format: Logger.Format, level: Logger.Level = .debug) -> Logger {
        Logger(subsystem: "test", level: level, format: format) { [self] line in
            lock.lock()
            text += line
            lock.unlock()
        }
    }
}

@Suite struct LoggerTests {
    @Test func journalLinesCarryTheSyslogPriorityAndNoTimestamp() {
        let sink = LineSink()
        let logger = sink.logger(.journal)
        logger.debug("d")
        logger.info("file applied", ["file": "a.csv", "rows": "3"])
        logger.notice("n")
        logger.warning("w")
        logger.error("e")
        logger.critical("c")
        #expect(
            sink.output
                == "<7>test: d\n<6>test: file applied file=a.csv rows=3\n<5>test: n\n"
                + "<4>test: w\n<3>test: e\n<2>test: c\n")
    }

    @Test func terminalLinesStartWithAnISOTimestampAndTheLevel() throws {
        let sink = LineSink()
        sink.logger(.timestamped).warning("row skipped", ["problem": "bad value"])
        let line = sink.output
        let pattern =
            #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ warning test: row skipped problem="bad value"\n$/#
        #expect(line.wholeMatch(of: pattern) != nil, "line was: \(line)")
    }

    @Test func aMultiLineValueStaysOnOneLine() {
        let sink = LineSink()
        sink.logger(.journal).error(
            "file rejected", ["reason": "no row could be read:\na.csv:2:1: bad\r\tdate"])
        let expected =
            #"<3>test: file rejected reason="no row could be read:\na.csv:2:1: bad\r\tdate""#
        #expect(sink.output == expected + "\n")
    }

    @Test func secretsAndWebhookPathsNeverReachTheLog() {
        let sink = LineSink()
        sink.logger(.journal).warning(
            "alert delivery failed",
            [
                "notifier.secret": "SEC-abc123",
                "Authorization": "Bearer xyz",
                "url": "https://hooks.slack.com/services/T000/B000/XXXXSECRET",
                "error.message":
                    "POST HTTPS://oapi.dingtalk.com/robot/send?access_token=tok999 failed; "
                    + "also http://user:pw@127.0.0.1:8099/hook",
                "notifier": "ops-room",
            ])
        let line = sink.output
        for secret in ["SEC-abc123", "xyz", "XXXXSECRET", "T000", "tok999", "user:pw"] {
            #expect(!line.contains(secret), "\(secret) leaked: \(line)")
        }
        #expect(line.contains("notifier.secret=***"))
        #expect(line.contains("url=https://hooks.slack.com/services/***/***/***"))
        #expect(
            line.contains(
                "HTTPS://oapi.dingtalk.com/robot/send?access_token=*** failed; "
                    + "also http://127.0.0.1:8099/hook"))
        #expect(line.contains("notifier=ops-room"))
    }

    @Test func eventsBelowTheLevelAreDropped() {
        let sink = LineSink()
        let logger = sink.logger(.journal, level: .warning)
        logger.info("hidden")
        logger.warning("shown")
        #expect(sink.output == "<4>test: shown\n")
    }

    @Test func journalIsDetectedOnlyWhenStderrIsTheNamedStream() throws {
        let directory = try TemporaryDirectory("bw-journal")
        try directory.write("rules/r.yaml", SystemdNotifyTests.rule)
        let config = try directory.write("branchwatch.yaml", SystemdNotifyTests.config)
        let journal = try DaemonProcess(
            ["run", "--once", "--config", config], journalStream: true)
        #expect(journal.waitForExit() == 0)
        #expect(journal.standardError.hasPrefix("<6>daemon: run finished "))

        // A JOURNAL_STREAM left over from a parent whose stderr went elsewhere.
        let redirected = try DaemonProcess(
            ["run", "--once", "--config", config], environment: ["JOURNAL_STREAM": "1:1"])
        #expect(redirected.waitForExit() == 0)
        #expect(redirected.standardError.contains(" info daemon: run finished "))
        #expect(!redirected.standardError.contains("<6>"))
    }
}
