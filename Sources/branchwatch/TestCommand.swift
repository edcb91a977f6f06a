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
        for path in files {
            let file: RuleTestFile
            do {
                file = try RuleTestFile.load(path)
            } catch {
                ConsoleText.err(error.description)
                broken += 1
                continue
            }
            for (test, result) in zip(file.cases, RuleTestRunner.run(file)) {
                let text = RuleTestRunner.report(
                    result, file: path, start: test.start, interval: test.interval)
                result.passed ? ConsoleText.out(text) : ConsoleText.err(text)
                if result.passed { passed += 1 } else { failed += 1 }
            }
        }
        let summary =
            "\(passed) passed, \(failed) failed"
            + (broken > 0 ? ", \(broken) file\(broken == 1 ? "" : "s") could not be read" : "")
        ConsoleText.out(summary)
        return failed == 0 && broken == 0 ? ExitStatus.success : ExitStatus.failure
    }
}
