import COpenSSL

/// Comparisons whose duration does not depend on where two secrets differ (OpenSSL's `CRYPTO_memcmp`).
public enum ConstantTime {
    /// True when `a` and `b` are equal. The lengths are not secret (a length mismatch answers at once); the
    /// contents are compared in time independent of their values.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
        }
    }
}
