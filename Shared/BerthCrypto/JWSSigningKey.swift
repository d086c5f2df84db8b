/// The JWS algorithms Berth signs with: ES256 (the default) and RS256 (for relying parties that only do RSA).
public enum JWSAlgorithm: String, CaseIterable, Sendable, Codable {
    case es256 = "ES256"
    case rs256 = "RS256"

    /// A new random private key for this algorithm (RSA: `RSAPrivateKey.generatedBits`).
    public func generateKey() throws(CryptoError) -> any JWSSigningKey {
        switch self {
        case .es256: try ECPrivateKey.generate()
        case .rs256: try RSAPrivateKey.generate()
        }
    }

    /// Loads a PEM private key, refusing one that is not of this algorithm's type.
    public func privateKey(pem: String) throws(CryptoError) -> any JWSSigningKey {
        switch self {
        case .es256: try ECPrivateKey(pem: pem)
        case .rs256: try RSAPrivateKey(pem: pem)
        }
    }
}

/// A private key that signs one JWS algorithm: `ECPrivateKey` (ES256) and `RSAPrivateKey` (RS256). What
/// `JWT.sign` takes and an issuer's key ring holds.
public protocol JWSSigningKey: Sendable {
    var algorithm: JWSAlgorithm { get }
    /// The JWS signature of `message` (ES256: raw `r || s`; RS256: PKCS#1 v1.5, modulus-sized).
    func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8]
    /// PKCS#8 PEM: store it 0600.
    func pemRepresentation() throws(CryptoError) -> String
    /// The public half, for verification.
    var verifyingKey: any JWSPublicKey { get }
    /// RFC 7638 thumbprint of the public key (Berth's `kid`).
    func jwkThumbprint() throws(CryptoError) -> String
    /// The public key as a JWKS entry named `keyID`.
    func publicJWK(keyID: String) throws(CryptoError) -> JWK
}

extension ECPrivateKey: JWSSigningKey {
    public var algorithm: JWSAlgorithm { .es256 }
    public var verifyingKey: any JWSPublicKey { publicKey }
    public func jwkThumbprint() throws(CryptoError) -> String { try publicKey.jwkThumbprint() }
    public func publicJWK(keyID: String) throws(CryptoError) -> JWK { try JWK(publicKey: publicKey, keyID: keyID) }
}

extension RSAPrivateKey: JWSSigningKey {
    public var algorithm: JWSAlgorithm { .rs256 }
    public var verifyingKey: any JWSPublicKey { publicKey }
    public func jwkThumbprint() throws(CryptoError) -> String { try publicKey.jwkThumbprint() }
    public func publicJWK(keyID: String) throws(CryptoError) -> JWK { try JWK(publicKey: publicKey, keyID: keyID) }
}
