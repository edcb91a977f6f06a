// `check` names the fix for common slips, and one broken file does not hide the others.
import BranchWatch
import BranchWatchTestSupport
import Foundation
import Testing

@Suite struct CheckHintTests {
    @Test func slipsInConfigAndRuleFilesAreAllReportedWithTheirFix() throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/a-tab.yaml", "rules:\n\t- name: a\n    metric: sales\n")
        try directory.write(
            "rules/b.yaml",
            """
            rules:
              - { name: sales-drop, metric: sales, when: zz > 3, notify: [hook] }
              - { name: sales-drop, metric: sales, when: z > 3, notify: [hook] }
            """)
        let path = try directory.write(
            "branchwatch.yaml",
            """
            inbox: { path: inbox }
            rules: [rules/*.yaml]
            notifiers: { hook: { type: webhok, url: "http://127.0.0.1:9/x" } }
            routes:
              - { when: 'rule == "sales-dorp" or severity == "critcal"', notify: [hook] }
            """)
        do {
            _ = try ConfigLoader.load(path)
            Issue.record("the config was accepted")
        } catch {
            let found = error.description.replacingOccurrences(of: directory.path + "/", with: "")
            #expect(
                found == """
                    branchwatch.yaml:3:28: unknown notifier type "webhok" (did you mean \
                    "webhook"?); this version knows: webhook, slack, console, dingtalk, wecom, \
                    feishu, teams
                    branchwatch.yaml:5:22: in "when": no rule "sales-dorp" (did you mean \
                    "sales-drop"?); known: sales-drop
                    branchwatch.yaml:5:50: in "when": no severity "critcal" (did you mean \
                    "critical"?); known: info, warning, critical
                    rules/a-tab.yaml:2:1: not valid YAML: found character that cannot start any \
                    token while scanning for the next token; this line has a tab: replace tabs \
                    with spaces (YAML indents with spaces only)
                    rules/b.yaml:2:46: in "when": unknown name "zz" (did you mean "z"?)
                    rules/b.yaml:3:5: rule name "sales-drop" is already used at \
                    rules/b.yaml:2:5; names must be unique
                    """)
        }
    }
}
