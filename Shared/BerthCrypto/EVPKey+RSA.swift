import COpenSSL

extension EVPKey {
    /// Throws unless the key is RSA with at least `RSAPublicKey.minimumBits` bits.
    func requireRSA(_ operation: String) throws(CryptoError) {
        guard EVP_PKEY_is_a(handle, "RSA") == 1 else {
            throw CryptoError(operation: operation, reason: "the key is not an RSA key: use an RSA key of 2048 bits or more")
        }
        let bits = EVP_PKEY_get_bits(handle)
        guard bits >= RSAPublicKey.minimumBits else {
            throw CryptoError(operation: operation, reason: "the key has \(bits) bits: RS256 needs at least 2048")
        }
    }

    /// A big-number parameter (`n`, `e`) as unsigned big-endian bytes without leading zeros (the JWK form).
    func bigEndianParameter(_ name: UnsafePointer<CChar>, _ operation: String) throws(CryptoError) -> [UInt8] {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(handle, name, &number) == 1, let number else {
            throw CryptoError.fromOpenSSL(operation)
        }
        defer { BN_free(number) }
        var bytes = [UInt8](repeating: 0, count: Int((BN_num_bits(number) + 7) / 8))
        guard BN_bn2bin(number, &bytes) == Int32(bytes.count) else { throw CryptoError.fromOpenSSL(operation) }
        return bytes
    }
}
