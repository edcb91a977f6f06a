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
