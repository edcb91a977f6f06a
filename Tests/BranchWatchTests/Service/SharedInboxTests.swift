// Under UMask=0077 the daemon still leaves its inbox folders and reports readable by the group.
import BranchWatchTestSupport
import Foundation
import Glibc
import Testing

@Suite struct SharedInboxTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// Runs `run --once` the way the unit starts it, with umask 0077.
    static func runOnce(_ config: String) throws -> ToolResult {
        try ToolRun.run(
            "sh",
            [
                "-c", "umask 077 && exec \"$0\" run --once --config \"$1\"",
                DaemonProcess.binaryPath, config,
            ])
    }

    static func setUp(_ inboxSettings: String) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory("bw-shared")
        try directory.write("rules/r.yaml", SystemdNotifyTests.rule)
        // The operator's shared folder: group-writable with the set-group-ID bit.
        try FileManager.default.createDirectory(
            atPath: directory.path + "/inbox", withIntermediateDirectories: true)
        chmod(directory.path + "/inbox", 0o2770)
        let header = "timestamp,branch,metric,value\n"
        try directory.write(
            "inbox/mixed.csv", header + "2024-03-01,B1,sales,10\n2024-03-02,B1,sales,x\n")
        try directory.write("inbox/bad.csv", "when,where\n1,2\n")
        let path = try directory.write(
            "branchwatch.yaml",
            """
            state_dir: state
            inbox: { path: inbox\(inboxSettings) }
            rules: [rules/*.yaml]
            notifiers: { console: { type: console } }
            """)
        return (directory, path)
    }

    @Test func foldersAndReportsAreGroupReadableUnderAStrictUmask() throws {
        let (directory, path) = try Self.setUp("")
        let result = try Self.runOnce(path)
        #expect(result.status == 0, "\(result.errors)")
        let inbox = directory.path + "/inbox/"
        // Folders made inside the set-group-ID inbox keep that bit, so files there take
        // the inbox's group.
        for folder in ["done", "rejected", "processing"] {
            #expect(
                Self.mode(inbox + folder) == 0o2750,
                "\(folder): \(String(Self.mode(inbox + folder), radix: 8))")
        }
        for report in ["rejected/bad.csv.error", "rejected/mixed.csv.rows"] {
            #expect(
                Self.mode(inbox + report) == 0o640,
                "\(report): \(String(Self.mode(inbox + report), radix: 8))")
        }
        #expect(Self.mode(inbox) == 0o2770, "the operator's inbox mode is left alone")
    }

    @Test func fileModeSetsWhatTheReportsGet() throws {
        let (directory, path) = try Self.setUp(", file_mode: \"0660\"")
        #expect(try Self.runOnce(path).status == 0)
        #expect(Self.mode(directory.path + "/inbox/rejected/bad.csv.error") == 0o660)
        #expect(Self.mode(directory.path + "/inbox/done") == 0o2770)
        let (badDirectory, badPath) = try Self.setUp(", file_mode: \"0644x\"")
        let bad = try ToolRun.run(DaemonProcess.binaryPath, ["check", "--config", badPath])
        #expect(bad.status == 1)
        #expect(bad.errors.contains(#""file_mode" must be octal"#), "\(bad.errors)")
        withExtendedLifetime(badDirectory) {}
    }
}
