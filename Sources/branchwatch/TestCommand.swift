// `branchwatch test FILE…`: run rule unit tests and print what differs.
import BranchWatch

extension Commands {
    static func test(_ arguments: CommandLineArguments) -> Int32 {
        let files = arguments.positionals
        guard !files.isEmpty else {
            ConsoleText.err("branchwatch test needs one or more test files")
            return ExitStatus.usage
        }
        var passed = 0
        var failed = 0
        var broken = 0
        var unreadable = 0
        for path in files {
            let file: RuleTestFile
            do {
                file = try RuleTestFile.load(path)
            } catch {
                ConsoleText.err(error.description)
                broken += 1
                continue
            }
            if !file.problems.isEmpty {
                ConsoleText.err(file.problems.map(\.description).joined(separator: "\n"))
                unreadable += file.unreadable
            }
            for (test, result) in zip(file.cases, RuleTestRunner.run(file)) {
                let text = RuleTestRunner.report(
                    result, file: path, start: test.start, interval: test.interval)
                result.passed ? ConsoleText.out(text) : ConsoleText.err(text)
                if result.passed { passed += 1 } else { failed += 1 }
            }
        }
        var summary = "\(passed) passed, \(failed) failed"
        if unreadable > 0 {
            summary += ", \(unreadable) test\(unreadable == 1 ? "" : "s") could not be read"
        }
        if broken > 0 { summary += ", \(broken) file\(broken == 1 ? "" : "s") could not be read" }
        ConsoleText.out(summary)
        let isClean = failed == 0 && broken == 0 && unreadable == 0
        return isClean ? ExitStatus.success : ExitStatus.failure
    }
}
