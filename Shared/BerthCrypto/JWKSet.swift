/// A JSON Web Key Set (RFC 7517) of ES256 and RS256 public keys, as `/openid/v1/jwks` serves it.
public struct JWKSet: Codable, Sendable, Equatable {
    public var keys: [JWK]

    public init(keys: [JWK]) { self.keys = keys }
}

/// One public signing key with its id (`kid`: the RFC 7638 thumbprint Berth uses): EC P-256 (`crv`, `x`, `y`)
/// or RSA (`n`, `e`). The members of the other key type are nil (and absent from the JSON).
public struct JWK: Codable, Sendable, Equatable {
    public var kty: String
    public var crv: String?
    public var x: String?
    public var y: String?
    public var n: String?
    public var e: String?
    public var kid: String
    public var use: String
    public var alg: String

    public init(publicKey: ECPublicKey, keyID: String) throws(CryptoError) {
        let members = try publicKey.jwk()
        kty = members["kty"] ?? "EC"
        crv = members["crv"] ?? "P-256"
        x = members["x"] ?? ""
        y = members["y"] ?? ""
        kid = keyID
        use = "sig"
        alg = JWSAlgorithm.es256.rawValue
    }

    public init(publicKey: RSAPublicKey, keyID: String) throws(CryptoError) {
        let members = try publicKey.jwk()
        kty = members["kty"] ?? "RSA"
        n = members["n"] ?? ""
        e = members["e"] ?? ""
        kid = keyID
        use = "sig"
        alg = JWSAlgorithm.rs256.rawValue
    }
}
