// Shares one String among equal names read from bytes: drop rows, state rows.

/// The same branch and metric names as one shared `String` each, so a drop or a loaded
/// state does not allocate a copy of a long name per row, and equal keys compare fast.
struct InternedNames {
    private static let slots = 1024
    private var table = [String?](repeating: nil, count: InternedNames.slots)

    /// `String(decoding: bytes, as: UTF8.self)`, shared with earlier equal ones.
    mutating func intern(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        // Up to 15 UTF-8 bytes a String holds its text inline: nothing to share.
        if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
        // FNV-1a over the bytes picks the slot; a clash replaces the older name.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let slot = Int(hash % UInt64(InternedNames.slots))
        if let known = table[slot], known.utf8.elementsEqual(bytes) { return known }
        let made = String(decoding: bytes, as: UTF8.self)
        table[slot] = made
        return made
    }
}
