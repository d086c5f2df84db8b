import COpenSSL

/// An ECDSA P-256 private key (ES256) through OpenSSL EVP: generate, PEM in and out, sign.
///
/// Signatures are raw `r || s` (64 bytes), the JWS form, not DER.
public struct ECPrivateKey: Sendable {
    let key: EVPKey

    /// A new random key.
    public static func generate() throws(CryptoError) -> ECPrivateKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw CryptoError.fromOpenSSL("EC key generation")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else {
            throw CryptoError.fromOpenSSL("EC key generation")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw CryptoError.fromOpenSSL("EC key generation") }
        return ECPrivateKey(key: EVPKey(key))
    }

    /// Loads a PEM private key (PKCS#8 `PRIVATE KEY` or `EC PRIVATE KEY`); throws unless it is P-256.
    public init(pem: String) throws(CryptoError) {
        let key = try EVPKey.fromPEM(pem, "read EC private key PEM") { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        try key.requireP256("read EC private key PEM")
        self.key = key
    }

    init(key: EVPKey) { self.key = key }

    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), unencrypted: store it 0600.
    public func pemRepresentation() throws(CryptoError) -> String {
        try EVPKey.pem("write EC private key PEM") { PEM_write_bio_PrivateKey($0, key.handle, nil, nil, 0, nil, nil) }
    }

    public var publicKey: ECPublicKey { ECPublicKey(key: key) }

    /// ES256: ECDSA over SHA-256 of `message`, returned as raw `r || s` (64 bytes).
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.fromOpenSSL("ES256 sign") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key.handle) == 1 else {
            throw CryptoError.fromOpenSSL("ES256 sign")
        }
        var der = [UInt8](repeating: 0, count: 80)
        var length = der.count
        let ok = message.withUnsafeBufferPointer { EVP_DigestSign(context, &der, &length, $0.baseAddress, $0.count) }
        guard ok == 1 else { throw CryptoError.fromOpenSSL("ES256 sign") }
        return try ECDSASignature.raw(fromDER: Array(der.prefix(length)))
    }
}
