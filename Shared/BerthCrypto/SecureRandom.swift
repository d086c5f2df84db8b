import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&output, Int32(count)) == 1 else { throw CryptoError.fromOpenSSL("RAND_bytes") }
        return output
    }

    /// A password of `length` characters from [A-Za-z0-9], uniformly (rejection sampling: bytes ≥ 248 are drawn
    /// again, so no character is more likely than another).
    public static func password(length: Int = 24) throws(CryptoError) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var out: [Character] = []
        while out.count < length {
            for byte in try bytes(32) where out.count < length && Int(byte) < 248 {
                out.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return String(out)
    }

    /// A random identifier: `bytes` random bytes as lowercase hex (request ids, event ids).
    public static func identifier(bytes count: Int = 16) throws(CryptoError) -> String {
        try bytes(count).hexString
    }
}
