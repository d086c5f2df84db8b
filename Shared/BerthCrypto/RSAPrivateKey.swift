import COpenSSL

/// An RSA private key for RS256 (RSASSA-PKCS1-v1_5 with SHA-256) through OpenSSL EVP: generate, PEM in and out,
/// sign. Its public half is an `RSAPublicKey` (JWK `n`/`e`, RFC 7638 thumbprint).
public struct RSAPrivateKey: Sendable {
    let key: EVPKey

    /// Bits of a generated key: 2048 is RFC 7518's minimum for RS256 and what relying parties expect; signing
    /// with 3072 costs about three times as much for no gain within a key's rotation period.
    public static let generatedBits: UInt32 = 2048

    /// A new random key of `bits` bits (public exponent 65537).
    public static func generate(bits: UInt32 = generatedBits) throws(CryptoError) -> RSAPrivateKey {
        guard bits >= UInt32(RSAPublicKey.minimumBits) else {
            throw CryptoError(operation: "RSA key generation", reason: "\(bits) bits is too short: RS256 needs at least 2048")
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw CryptoError.fromOpenSSL("RSA key generation")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw CryptoError.fromOpenSSL("RSA key generation") }
        // The size goes in as an OSSL_PARAM (EVP_PKEY_CTX_set_rsa_keygen_bits lives in rsa.h, which the shim
        // does not import).
        var size = bits
        let sized = withUnsafeMutablePointer(to: &size) { sizePointer in
            var params = [OSSL_PARAM_construct_uint(OSSLParamName.rsaBits, sizePointer), OSSL_PARAM_construct_end()]
            return EVP_PKEY_CTX_set_params(context, &params)
        }
        guard sized == 1 else { throw CryptoError.fromOpenSSL("RSA key generation") }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw CryptoError.fromOpenSSL("RSA key generation") }
        return RSAPrivateKey(key: EVPKey(key))
    }

    /// Loads a PEM private key (PKCS#8 `PRIVATE KEY` or `RSA PRIVATE KEY`); throws unless it is RSA of at least
    /// 2048 bits.
    public init(pem: String) throws(CryptoError) {
        let key = try EVPKey.fromPEM(pem, "read RSA private key PEM") { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        try key.requireRSA("read RSA private key PEM")
        self.key = key
    }

    init(key: EVPKey) { self.key = key }

    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), unencrypted: store it 0600.
    public func pemRepresentation() throws(CryptoError) -> String {
        try EVPKey.pem("write RSA private key PEM") { PEM_write_bio_PrivateKey($0, key.handle, nil, nil, 0, nil, nil) }
    }

    public var publicKey: RSAPublicKey { RSAPublicKey(key: key) }

    /// RS256: RSASSA-PKCS1-v1_5 over SHA-256 of `message` (OpenSSL's default RSA padding for DigestSign); the
    /// signature is as long as the modulus.
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.fromOpenSSL("RS256 sign") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key.handle) == 1 else {
            throw CryptoError.fromOpenSSL("RS256 sign")
        }
        var signature = [UInt8](repeating: 0, count: Int(EVP_PKEY_get_size(key.handle)))
        var length = signature.count
        let ok = message.withUnsafeBufferPointer {
            EVP_DigestSign(context, &signature, &length, $0.baseAddress, $0.count)
        }
        guard ok == 1 else { throw CryptoError.fromOpenSSL("RS256 sign") }
        return Array(signature.prefix(length))
    }
}
