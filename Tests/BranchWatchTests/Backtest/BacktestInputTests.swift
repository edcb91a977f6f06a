// Which files --branch/--metric may relabel, and what the backtest says about the others.
import BranchWatch
import BranchWatchTestSupport
import Testing

@Suite struct BacktestInputTests {
    @Test func refusesToRelabelALongFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "long.csv",
            "timestamp,branch,metric,value\n2024-03-01,b1,sales,5\n2024-03-01,b2,sales,6\n")
        #expect {
            try BacktestInput.read(path, plain: PlainSeries(branch: "zz", metric: "sales"))
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(path + ":1:1: --branch and --metric are only for a plain")
                && text.contains("\"branch\", \"metric\"")
        }
    }

    @Test func refusesToRelabelAWideFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "wide.csv", "timestamp,branch,value,visits\n2024-03-01,b1,5,7\n")
        #expect {
            try BacktestInput.read(path, plain: PlainSeries(branch: "zz", metric: "sales"))
        } throws: { error in
            "\(error)".contains("this header also has \"branch\", \"visits\"")
        }
    }

    @Test func aPlainFileWithoutBranchAndMetricNamesTheOptions() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("plain.csv", "timestamp,value\n2024-03-01,5\n")
        #expect {
            try BacktestInput.read(path, plain: nil)
        } throws: { error in
            "\(error)" == path + ":1:1: this is a plain timestamp,value file, which names no "
                + "branch or metric; give them with --branch ID --metric NAME"
        }
    }
}
