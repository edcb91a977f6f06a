// The config `make install` puts in /etc/branchwatch loads, with the rules it installs.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct InstalledConfigTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func installedConfigLoadsWithTheStarterRules() throws {
        let directory = try TemporaryDirectory("bw-installed")
        let text = try String(
            contentsOfFile: Self.root + "/systemd/branchwatch.yaml", encoding: .utf8)
        // The same file with its absolute paths moved under the test's directory.
        let moved =
            text
            .replacingOccurrences(of: "/var/lib/branchwatch", with: directory.path + "/state")
            .replacingOccurrences(of: "/etc/branchwatch/rules", with: Self.root + "/systemd/rules")
        let config = try ConfigLoader.load(try directory.write("branchwatch.yaml", moved))
        #expect(config.rules.map(\.name) == ["sales-drop"])
        #expect(config.inboxPath == directory.path + "/state/inbox")
        #expect(config.notifiers["ops-room"]?.type == .console)
        #expect(config.http == HTTPSettings(host: "127.0.0.1", port: 9464))
    }
}
