import COpenSSL

extension RSAPublicKey {
    init(key: EVPKey) { self.key = key }

    /// Loads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo); throws unless it is RSA of at least 2048 bits.
    public init(pem: String) throws(CryptoError) {
        let key = try EVPKey.fromPEM(pem, "read RSA public key PEM") { PEM_read_bio_PUBKEY($0, nil, nil, nil) }
        try key.requireRSA("read RSA public key PEM")
        self.init(key: key)
    }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`): what `openssl dgst -verify` reads.
    public func pemRepresentation() throws(CryptoError) -> String {
        try EVPKey.pem("write RSA public key PEM") { PEM_write_bio_PUBKEY($0, key.handle) }
    }

    /// The JWK members (`kty`, `n`, `e`; unsigned big-endian, base64url without padding, no leading zero bytes).
    public func jwk() throws(CryptoError) -> [String: String] {
        [
            "kty": "RSA", "n": Base64URL.encode(try key.bigEndianParameter(OSSLParamName.rsaN, "read RSA modulus")),
            "e": Base64URL.encode(try key.bigEndianParameter(OSSLParamName.rsaE, "read RSA exponent")),
        ]
    }

    /// RFC 7638 thumbprint: base64url(SHA-256 of `{"e":…,"kty":"RSA","n":…}`, members in lexicographic order).
    public func jwkThumbprint() throws(CryptoError) -> String {
        let jwk = try jwk()
        let canonical = #"{"e":"\#(jwk["e"] ?? "")","kty":"RSA","n":"\#(jwk["n"] ?? "")"}"#
        return Base64URL.encode(try SHA256.digest(Array(canonical.utf8)))
    }
}
