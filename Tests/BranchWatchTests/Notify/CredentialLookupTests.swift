// credential:NAME finds NAME or the unit's secrets_NAME; notify-test says what the daemon does.
import BranchWatchTestSupport
import Glibc
import Testing

@testable import BranchWatch

@Suite struct CredentialLookupTests {
    @Test func aNameFindsItsFileOrTheUnitsSecretsPrefixedOne() throws {
        let directory = try TemporaryDirectory()
        // What LoadCredential=secrets:/etc/branchwatch/credentials delivers.
        try directory.write("secrets_dingtalk-url", "https://oapi.dingtalk.com/robot/send?x=1\n")
        try directory.write("both", "plain\n")
        try directory.write("secrets_both", "prefixed\n")
        let reference = try #require(SecretReference("credential:dingtalk-url"))
        #expect(
            try reference.resolve(credentialsDirectory: directory.path)
                == "https://oapi.dingtalk.com/robot/send?x=1")
        #expect(
            try SecretReference("credential:both")?.resolve(credentialsDirectory: directory.path)
                == "plain")
        #expect(throws: SecretError.missingCredential("nope")) {
            try SecretReference("credential:nope")?.resolve(credentialsDirectory: directory.path)
        }
        try directory.write("folder/x", "")
        #expect(throws: SecretError.unreadableCredential("folder", errno: EISDIR)) {
            try SecretReference("credential:folder")?.resolve(credentialsDirectory: directory.path)
        }
        #expect(
            SecretError.missingCredential("nope").description.contains(
                "neither $CREDENTIALS_DIRECTORY/nope nor $CREDENTIALS_DIRECTORY/secrets_nope"))
    }

    @Test func notifyTestSaysAnUnreadableCredentialHoldsAlerts() throws {
        let directory = try TemporaryDirectory()
        try directory.write("creds/other", "x")
        try directory.write(
            "rules/r.yaml", SalesJumpRule.text(notify: ["d"]))
        let path = try directory.write(
            "branchwatch.yaml",
            "inbox: { path: inbox }\nrules: [rules/*.yaml]\n"
                + "notifiers: { d: { type: dingtalk, url: \"credential:dingtalk-url\" } }\n")
        let result = try ToolRun.run(
            "env",
            [
                "CREDENTIALS_DIRECTORY=\(directory.path)/creds", DaemonProcess.binaryPath,
                "notify-test", "d", "--config", path,
            ])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "d (dingtalk): not sent (alerts would wait): credential dingtalk-url not found"),
            "\(result.output)")
        #expect(result.output.contains("keeps this notifier's alerts until it can be read"))
    }
}
