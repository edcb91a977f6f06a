// Writes the program's own output: results to stdout, problems to stderr.
import Glibc

/// Whole lines to stdout or stderr with `write(2)`; the C `stdout` global is not concurrency-safe.
public enum ConsoleText {
    public static func out(_ text: String) {
        write(text, to: 1)
    }

    public static func err(_ text: String) {
        write(text, to: 2)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
        bytes.withUnsafeMutableBytes { buffer in
            _ = Glibc.write(descriptor, buffer.baseAddress, buffer.count)
        }
    }
}
