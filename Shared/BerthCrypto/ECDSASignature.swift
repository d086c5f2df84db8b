import COpenSSL

/// Converts ECDSA P-256 signatures between OpenSSL's DER (`SEQUENCE { r, s }`) and JWS's raw `r || s`.
enum ECDSASignature {
    static let rawByteCount = 64

    static func raw(fromDER der: [UInt8]) throws(CryptoError) -> [UInt8] {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var pointer: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &pointer, buffer.count)
        }
        guard let parsed else { throw CryptoError.fromOpenSSL("ECDSA signature DER") }
        defer { ECDSA_SIG_free(parsed) }
        var r: OpaquePointer?
        var s: OpaquePointer?
        ECDSA_SIG_get0(parsed, &r, &s)
        var output = [UInt8](repeating: 0, count: rawByteCount)
        let ok = output.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return BN_bn2binpad(r, base, 32) == 32 && BN_bn2binpad(s, base + 32, 32) == 32
        }
        guard ok else { throw CryptoError.fromOpenSSL("ECDSA signature raw form") }
        return output
    }

    static func der(fromRaw raw: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard raw.count == rawByteCount else {
            throw CryptoError(operation: "ECDSA signature", reason: "expected \(rawByteCount) bytes, got \(raw.count)")
        }
        guard let signature = ECDSA_SIG_new() else { throw CryptoError.fromOpenSSL("ECDSA signature") }
        defer { ECDSA_SIG_free(signature) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, 32, nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress.map { $0 + 32 }, 32, nil) }
        guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            throw CryptoError.fromOpenSSL("ECDSA signature")
        }
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_ECDSA_SIG(signature, &out)
        guard length > 0, let out else { throw CryptoError.fromOpenSSL("ECDSA signature DER") }
        defer { berth_openssl_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}
