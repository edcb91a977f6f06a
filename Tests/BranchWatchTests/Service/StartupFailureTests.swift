// A start that fails says why at error level in the journal, and as plain text on a terminal.
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct StartupFailureTests {
    /// Runs `branchwatch run` with stderr in a file that `JOURNAL_STREAM` names, as
    /// systemd connects a service to the journal; returns the exit status and stderr.
    static func runUnderJournal(_ config: String, in directory: TemporaryDirectory) throws
        -> (Int32, String)
    {
        let log = directory.path + "/stderr.log"
        let script =
            "exec 2>\"$2\"; JOURNAL_STREAM=$(stat -L -c %d:%i \"$2\") exec \"$0\" run --config \"$1\""
        let result = try ToolRun.run(
            "sh", ["-c", script, DaemonProcess.binaryPath, config, log], timeout: 20)
        return (result.status, try String(contentsOfFile: log, encoding: .utf8))
    }

    static func config(_ directory: TemporaryDirectory, extra: String) throws -> String {
        try directory.write("rules/r.yaml", SystemdNotifyTests.rule)
        return try directory.write(
            "branchwatch.yaml",
            "state_dir: state\ninbox: { path: inbox }\nrules: [rules/*.yaml]\n"
                + "notifiers: { console: { type: console } }\n" + extra)
    }

    @Test func aPortInUseIsAnErrorEventInTheJournal() throws {
        let directory = try TemporaryDirectory("bw-start")
        let taken = try HTTPSink()
        defer { taken.stop() }
        let path = try Self.config(directory, extra: "http: { listen: 127.0.0.1:\(taken.port) }\n")
        let (status, errors) = try Self.runUnderJournal(path, in: directory)
        #expect(status == 1)
        let line = errors.split(separator: "\n").first { $0.contains("start-up failed") }
        #expect(line?.hasPrefix("<3>daemon: start-up failed ") == true, "\(errors)")
        #expect(line?.contains("Address already in use") == true)
    }

    @Test func eachConfigProblemIsOneErrorEventWithItsPlace() throws {
        let directory = try TemporaryDirectory("bw-start")
        let path = try Self.config(directory, extra: "log_levle: debug\nhttp: { lisen: x }\n")
        let (status, errors) = try Self.runUnderJournal(path, in: directory)
        #expect(status == 1)
        let problems = errors.split(separator: "\n").filter { $0.contains("config problem") }
        #expect(problems.count == 2, "\(errors)")
        #expect(
            problems.first?.hasPrefix(
                "<3>daemon: config problem column=1 file=\(path) line=5 problem=") == true,
            "\(problems)")
        #expect(errors.contains("<3>daemon: start-up failed: the config has problems"))

        // On a terminal the same problems read as `check` prints them.
        let plain = try ToolRun.run(DaemonProcess.binaryPath, ["run", "--config", path])
        #expect(plain.status == 1)
        #expect(plain.errors.hasPrefix("\(path):5:1: unknown key \"log_levle\""), "\(plain.errors)")
    }
}
