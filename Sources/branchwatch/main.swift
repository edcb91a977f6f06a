// Entry point: parse the command line, run the command, render any error in one place.
import BranchWatch
import Glibc

let status: Int32
do {
    let arguments = try CommandLineArguments(
        Array(CommandLine.arguments.dropFirst()), spec: Commands.spec)
    status = try Commands.dispatch(arguments)
} catch let error as UsageError {
    ConsoleText.err("branchwatch: \(error)\n\n\(usageText)")
    status = ExitStatus.usage
} catch {
    ConsoleText.err("branchwatch: \(error)")
    status = ExitStatus.failure
}
exit(status)
