// HMAC-SHA256 and Base64 from OpenSSL's libcrypto, and URL query encoding, for signed webhooks.
import CCrypto

/// The signing primitives the chat platforms ask for.
public enum MessageSigner {
    /// HMAC-SHA256 of `message` under `key` (`HMAC` with `EVP_sha256`), as raw bytes.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    messageBytes.count, &output, &length)
            }
        }
        // HMAC fails only when OpenSSL cannot allocate; there is nothing to recover.
        precondition(result != nil, "HMAC(sha256) failed")
        return Array(output.prefix(Int(length)))
    }

    /// Standard Base64 with padding (`EVP_EncodeBlock`).
    public static func base64(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        var output = [UInt8](repeating: 0, count: 4 * ((bytes.count + 2) / 3) + 1)
        let written = bytes.withUnsafeBufferPointer { input in
            EVP_EncodeBlock(&output, input.baseAddress, Int32(input.count))
        }
        return String(decoding: output.prefix(Int(written)), as: UTF8.self)
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986), for a query value.
    public static func queryEncoded(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            let isUnreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E
                || byte == 0x5F || byte == 0x7E
            if isUnreserved {
                output.append(byte)
            } else {
                output += [0x25, digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
