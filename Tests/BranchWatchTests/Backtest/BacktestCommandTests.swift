// The backtest command line: what it refuses, what it counts, and how it reports failure.
import BranchWatchTestSupport
import Foundation
import Testing

@Suite(.enabled(if: BranchwatchProcess.isBuilt, "needs `swift build` first"))
struct BacktestCommandTests {
    static let rules = """
        rules:
          - name: level
            metric: sales
            detector: { type: ewma, warmup: 2 }
            when: z <= -50
            notify: [hook]
        """

    @Test func refusesToWriteOverItsInput() throws {
        let run = try BacktestRun(rules: Self.rules)
        let text = "timestamp,branch,metric,value\n2024-03-01,b1,sales,5\n"
        try run.write("data/history.csv", text)
        // Another spelling of the same file.
        let result = try run.run([
            "--data", run.path("data/history.csv"), "--output",
            run.path("data/../data/history.csv"),
        ])
        #expect(result.status == 1)
        #expect(
            result.errors.contains(
                "--output \(run.path("data/../data/history.csv")) is the same file as "
                    + "\(run.path("data/history.csv")), which the backtest reads"))
        #expect(try String(contentsOfFile: run.path("data/history.csv"), encoding: .utf8) == text)
    }

    @Test func summaryCountsSkippedDuplicateAndConflictingRows() throws {
        let run = try BacktestRun(rules: Self.rules)
        try run.write(
            "a.csv",
            "timestamp,branch,metric,value\n2024-03-01,b1,sales,5\n2024-03-02,b1,sales,6\n"
                + "2024-03-03,b1,sales,x\n2024-03-02,b1,sales,6\n")
        // A correction of 03-01 in a later file, and a new day.
        try run.write(
            "b.csv", "timestamp,branch,metric,value\n2024-03-01,b1,sales,7\n2024-03-04,b1,sales,5\n"
        )
        let result = try run.run([
            "--data", run.path("a.csv"), run.path("b.csv"), "--output", run.path("s.csv"),
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output.hasPrefix(
                "replayed 3 of 6 rows: 1 skipped, 1 duplicate, 1 conflict (first value kept), "
                    + "0 late\n"))
    }

    @Test func nothingReplayedIsAFailure() throws {
        let run = try BacktestRun(rules: Self.rules)
        try run.write("bad.csv", "timestamp,branch,metric,value\nyesterday,b1,sales,5\n")
        let result = try run.run(["--data", run.path("bad.csv"), "--output", run.path("s.csv")])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("replayed 0 of 1 rows: 1 skipped"))
        #expect(result.errors.contains("nothing was replayed: no row of \(run.path("bad.csv"))"))
    }

    @Test func aMissingOutputOptionSaysBacktestNeedsIt() throws {
        let run = try BacktestRun(rules: Self.rules)
        let result = try run.run(["--data", run.path("a.csv")])
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix("branchwatch: backtest needs --output FILE\n"))
    }

    /// The output is a folder: the temporary file is written beside it, the rename fails,
    /// and the message names the folder, with nothing left behind.
    @Test func anUnwritableOutputIsNamedAndLeavesNoTemporaryFile() throws {
        let run = try BacktestRun(rules: Self.rules)
        try run.write("a.csv", "timestamp,branch,metric,value\n2024-03-01,b1,sales,5\n")
        try FileManager.default.createDirectory(
            atPath: run.path("out/scores.csv"), withIntermediateDirectories: true)
        let result = try run.run([
            "--data", run.path("a.csv"), "--output", run.path("out/scores.csv"),
        ])
        #expect(result.status == 1)
        #expect(
            result.errors.contains(
                "cannot write the scores to \(run.path("out/scores.csv")): Is a directory"))
        #expect(run.directory.files(in: "out") == ["scores.csv"])
        let missing = try run.run([
            "--data", run.path("a.csv"), "--output", run.path("nowhere/scores.csv"),
        ])
        #expect(
            missing.errors.contains(
                "cannot write the scores to \(run.path("nowhere/scores.csv")): "
                    + "No such file or directory"))
    }
}
