// The config and rules that ship in the repository load cleanly, so the demo cannot rot.
import BranchWatch
import Foundation
import Testing

@Suite struct RepositoryConfigTests {
    /// The repository root, found from this file's place in Tests/BranchWatchTests/Rules.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func exampleConfigLoadsWithBothShippedRules() throws {
        let config = try ConfigLoader.load(Self.root + "/examples/branchwatch.yaml")
        #expect(config.rules.map(\.name).sorted() == ["complaint-spike", "transactions-decline"])
        #expect(config.notifiers["ops-room"]?.type == .console)
        #expect(config.timeZone == "America/New_York")
    }

    @Test func everyRuleNamesOnlyNotifiersTheExampleDefines() throws {
        let config = try ConfigLoader.load(Self.root + "/examples/branchwatch.yaml")
        for rule in config.rules {
            #expect(!rule.notify.isEmpty, "\(rule.name) notifies nobody")
            #expect(rule.notify.allSatisfy { config.notifiers[$0] != nil })
        }
    }
}
