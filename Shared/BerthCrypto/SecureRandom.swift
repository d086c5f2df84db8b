import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&output, Int32(count)) == 1 else { throw CryptoError.fromOpenSSL("RAND_bytes") }
        return output
    }

    /// A random identifier: `bytes` random bytes as lowercase hex (request ids, event ids).
    public static func identifier(bytes count: Int = 16) throws(CryptoError) -> String {
        try bytes(count).hexString
    }
}
