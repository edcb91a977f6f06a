// Tells whether bytes read in chunks are well-formed UTF-8, without converting them.

/// A streaming check of UTF-8 well-formedness (the Unicode standard's table of valid byte
/// sequences: no overlong forms, no surrogates, nothing past U+10FFFF).
///
/// A sequence cut in two by a chunk edge is finished with the next chunk, so the answer
/// does not depend on the chunk size. Iconv did this before; its per-character conversion
/// was the larger part of a drop's first pass, while the text is nearly all ASCII, which
/// this check takes eight bytes at a time.
struct UTF8Check {
    /// False once some byte sequence is not UTF-8.
    private(set) var isValid = true
    /// Some byte seen so far is outside ASCII.
    private(set) var hasNonASCII = false
    /// Continuation bytes the sequence in progress still needs.
    private var remaining = 0
    /// The range the next continuation byte must be in; narrower than 80...BF only for the
    /// second byte after E0, ED, F0 and F4.
    private var lowest: UInt8 = 0x80
    private var highest: UInt8 = 0xBF

    /// Checks the next chunk of bytes.
    mutating func check(_ bytes: UnsafeRawBufferPointer) {
        guard isValid, let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = continueSequence(bytes, from: 0)
        while isValid && index < count {
            index = skipASCII(base, from: index, count: count)
            guard index < count else { break }
            hasNonASCII = true
            startSequence(bytes[index])
            index = continueSequence(bytes, from: index + 1)
        }
    }

    /// Whether everything checked was UTF-8, once there are no more bytes: a sequence left
    /// unfinished at the end is not.
    func isValidAtEnd() -> Bool {
        isValid && remaining == 0
    }

    /// The index of the first byte at or after `index` that is not ASCII, or `count`.
    private func skipASCII(_ base: UnsafeRawPointer, from index: Int, count: Int) -> Int {
        var index = index
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count && base.load(fromByteOffset: index, as: UInt8.self) < 0x80 {
            index += 1
        }
        return index
    }

    /// Takes the first byte of a sequence, which is not ASCII.
    private mutating func startSequence(_ lead: UInt8) {
        (lowest, highest) = (0x80, 0xBF)
        switch lead {
        case 0xC2...0xDF: remaining = 1
        case 0xE0: (remaining, lowest) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: remaining = 2
        case 0xED: (remaining, highest) = (2, 0x9F)
        case 0xF0: (remaining, lowest) = (3, 0x90)
        case 0xF1...0xF3: remaining = 3
        case 0xF4: (remaining, highest) = (3, 0x8F)
        default: isValid = false
        }
    }

    /// Takes the continuation bytes the sequence in progress needs from `bytes[index...]`;
    /// returns the index after them (or the end of `bytes`, to go on with the next chunk).
    private mutating func continueSequence(_ bytes: UnsafeRawBufferPointer, from index: Int)
        -> Int
    {
        var index = index
        while isValid && remaining > 0 && index < bytes.count {
            let byte = bytes[index]
            guard byte >= lowest && byte <= highest else {
                isValid = false
                break
            }
            (lowest, highest) = (0x80, 0xBF)
            remaining -= 1
            index += 1
        }
        return index
    }
}
