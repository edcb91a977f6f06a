// Converts drop-file bytes to UTF-8 with glibc's iconv, chunk by chunk.
import Glibc

/// A streaming conversion from one character encoding to UTF-8 (`iconv_open`, `iconv`).
///
/// Every byte the source encoding cannot read becomes U+FFFD, so the row holding it can be
/// reported rather than the whole file refused; `invalidBytes` counts them. A sequence cut
/// in two by a chunk boundary is carried over to the next chunk. UTF-8 input that the scan
/// (`UTF8Check`) found invalid goes through iconv as well, which marks the bad bytes; valid
/// UTF-8 is not converted at all. Owned by one thread.
final class TextConverter {
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    let encoding: String
    private let handle: iconv_t
    private var carry: [UInt8] = []
    private(set) var invalidBytes = 0

    /// Opens a converter from `encoding` (an iconv name such as `GB18030`).
    init(from encoding: String) throws(DropFileError) {
        let opened = iconv_open("UTF-8", encoding)
        // iconv_open signals failure with (iconv_t)-1 rather than NULL.
        guard let opened, Int(bitPattern: opened) != -1 else {
            throw .unknownEncoding(encoding)
        }
        handle = opened
        self.encoding = encoding
    }

    deinit {
        iconv_close(handle)
    }

    /// The UTF-8 text of `input`. With `isFinal`, an incomplete sequence at the end is invalid.
    func convert(_ input: [UInt8], isFinal: Bool) -> [UInt8] {
        var pending = carry + input
        carry = []
        var output: [UInt8] = []
        output.reserveCapacity(pending.count + pending.count / 2 + 16)
        var consumed = 0
        while consumed < pending.count {
            let (read, stop) = step(&pending, from: consumed, into: &output)
            consumed += read
            switch stop {
            case .done, .outputFull:
                continue
            case .incomplete where !isFinal:
                carry = Array(pending[consumed...])
                return output
            case .invalid, .incomplete:
                output += TextConverter.replacement
                invalidBytes += 1
                consumed += 1
                resetShiftState()
            }
        }
        return output
    }

    private enum Stop {
        case done, outputFull, invalid, incomplete
    }

    /// One `iconv` call over `input[start...]`; returns how many bytes it consumed and why
    /// it stopped. The output it produced is appended to `output`.
    private func step(_ input: inout [UInt8], from start: Int, into output: inout [UInt8])
        -> (Int, Stop)
    {
        var space = [UInt8](repeating: 0, count: max(256, (input.count - start) * 4))
        var inLeft = input.count - start
        var outLeft = space.count
        let result = input.withUnsafeMutableBytes { inBytes in
            space.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress.map {
                    ($0 + start).assumingMemoryBound(to: CChar.self)
                }
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        let code = errno
        output += space[0..<(space.count - outLeft)]
        let read = input.count - start - inLeft
        guard result == -1 else { return (read, .done) }
        switch code {
        case E2BIG: return (read, .outputFull)
        case EINVAL: return (read, .incomplete)
        default: return (read, .invalid)
        }
    }

    /// After a bad byte, starts the next character from a clean state.
    private func resetShiftState() {
        iconv(handle, nil, nil, nil, nil)
    }
}
