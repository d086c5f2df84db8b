import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` and frees it when the last reference goes. Never leaves this module: callers see
/// `ECPrivateKey` / `ECPublicKey`.
final class EVPKey: @unchecked Sendable {
    // @unchecked: the handle is only read after construction (OpenSSL documents EVP_PKEY as safe to use from
    // several threads for signing and verifying once it is fully set up).
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { EVP_PKEY_free(handle) }

    /// The uncompressed public point `04 || X || Y` (65 bytes for P-256).
    func publicPoint() throws(CryptoError) -> [UInt8] {
        var length = 0
        guard EVP_PKEY_get_octet_string_param(handle, OSSL_PKEY_PARAM_PUB_KEY, nil, 0, &length) == 1 else {
            throw CryptoError.fromOpenSSL("read EC public point")
        }
        var point = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_get_octet_string_param(handle, OSSL_PKEY_PARAM_PUB_KEY, &point, length, &length) == 1 else {
            throw CryptoError.fromOpenSSL("read EC public point")
        }
        return Array(point.prefix(length))
    }

    /// Throws unless the key is an EC key on P-256 (the only curve ES256 allows).
    func requireP256(_ operation: String) throws(CryptoError) {
        guard EVP_PKEY_is_a(handle, "EC") == 1 else {
            throw CryptoError(operation: operation, reason: "the key is not an EC key: use a P-256 (prime256v1) key")
        }
        var name = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_group_name(handle, &name, name.count, &length) == 1 else {
            throw CryptoError.fromOpenSSL(operation)
        }
        let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard group == "prime256v1" || group == "P-256" else {
            throw CryptoError(operation: operation, reason: "the key is on curve \(group), not P-256: use a P-256 key")
        }
    }

    /// PEM text written by `write` into a memory BIO.
    static func pem(_ operation: String, _ write: (OpaquePointer) -> Int32) throws(CryptoError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.fromOpenSSL(operation) }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw CryptoError.fromOpenSSL(operation) }
        var pointer: UnsafeMutablePointer<CChar>?
        let length = berth_bio_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { throw CryptoError.fromOpenSSL(operation) }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// Parses PEM text with `read` from a memory BIO.
    static func fromPEM(_ pem: String, _ operation: String, _ read: (OpaquePointer) -> OpaquePointer?)
        throws(CryptoError) -> EVPKey
    {
        let bytes = Array(pem.utf8)
        let key: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return read(bio)
        }
        guard let key else { throw CryptoError.fromOpenSSL(operation) }
        return EVPKey(key)
    }
}
