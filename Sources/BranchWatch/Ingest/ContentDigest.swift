// SHA-256 of a drop file's bytes, the key of the applied-files ledger.
import CCrypto

/// Hex SHA-256 digests, computed by OpenSSL's libcrypto.
public enum ContentDigest {
    /// The lowercase hex SHA-256 of `bytes` (`EVP_Digest` with `EVP_sha256`).
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest fails only when OpenSSL cannot allocate; there is nothing to recover.
        precondition(status == 1, "EVP_Digest(sha256) failed")
        return hex(digest.prefix(Int(length)))
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A SHA-256 computed over chunks as a file is read (`EVP_DigestInit_ex`, `EVP_DigestUpdate`,
/// `EVP_DigestFinal_ex`). Owned by one thread; the context is freed with the object.
public final class SHA256Stream {
    private let context: OpaquePointer

    /// A digest of nothing yet.
    public init() {
        // Only allocation can fail here, and a daemon out of memory cannot go on anyway.
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "EVP_DigestInit failed")
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds `bytes` to what the digest covers.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes `bytes` points to, read in place, to what the digest covers.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        let status = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
        precondition(status == 1, "EVP_DigestUpdate failed")
    }

    /// The lowercase hex digest of everything passed to `update`.
    public func finish() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1, "EVP_DigestFinal failed")
        return ContentDigest.hex(digest.prefix(Int(length)))
    }
}
