import COpenSSL

/// SHA-256 through EVP (libcrypto).
public enum SHA256 {
    public static let byteCount = 32

    /// The digest of the concatenation of `parts` (no copy into one buffer).
    public static func digest(_ parts: [UInt8]...) throws(CryptoError) -> [UInt8] {
        try digest(parts: parts)
    }

    public static func digest(parts: [[UInt8]]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.fromOpenSSL("SHA-256 context") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { throw CryptoError.fromOpenSSL("SHA-256 init") }
        for part in parts {
            let ok = part.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            guard ok == 1 else { throw CryptoError.fromOpenSSL("SHA-256 update") }
        }
        var output = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &length) == 1, length == byteCount else {
            throw CryptoError.fromOpenSSL("SHA-256 final")
        }
        return output
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex, for logs and tests.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
