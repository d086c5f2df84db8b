import BerthCrypto

/// Mints and verifies Berth's ID tokens (ES256 by default, RS256 for clients configured for it; `kid` = RFC 7638
/// thumbprint).
public struct IDTokenIssuer: Sendable {
    /// `gateway.publicURL`, without a trailing slash.
    public let issuer: String
    /// Seconds.
    public let lifetime: Int64
    public let keys: SigningKeyRing
    /// The signing algorithm per audience (client id) that is not ES256 (`OAuthClientRegistry.signingAlgorithms`).
    public let algorithms: [String: JWSAlgorithm]

    /// What verification accepts: every algorithm Berth signs with (a token's alg must still match its key's).
    public static let acceptedAlgorithms = Set(JWSAlgorithm.allCases.map(\.rawValue))

    public init(issuer: String, lifetime: Int64, keys: SigningKeyRing, algorithms: [String: JWSAlgorithm] = [:]) {
        self.issuer = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        self.lifetime = lifetime
        self.keys = keys
        self.algorithms = algorithms
    }

    /// A signed ID token for `user`, for client `audience`, with `algorithm` (default: the audience's configured
    /// one, else ES256).
    public func mint(
        for user: User, audience: String, authTime: Int64, nonce: String?, sessionID: String?, now: Int64,
        algorithm: JWSAlgorithm? = nil
    ) throws(IdentityError) -> (token: String, claims: IDTokenClaims) {
        let claims = IDTokenClaims(
            iss: issuer, sub: user.id, aud: audience, exp: now + lifetime, iat: now, authTime: authTime,
            nonce: (nonce?.isEmpty ?? true) ? nil : nonce, sid: sessionID, preferredUsername: user.username,
            email: user.email, name: user.displayName, groups: user.groups)
        let signer = try keys.signingKey(now: now, algorithm: algorithm ?? algorithms[audience] ?? .es256)
        do {
            return (try JWT.sign(claims, with: signer.key, keyID: signer.id), claims)
        } catch {
            throw IdentityError.crypto("sign an ID token", error)
        }
    }

    /// Verifies a token this issuer minted for `audience` against the keys published at `now` (ES256 or RS256;
    /// the header's alg must be the algorithm of the key its kid names).
    public func verify(_ token: String, audience: String, now: Int64) throws(IdentityError) -> IDTokenClaims {
        let published = try keys.publishedKeys(now: now)
        let policy = JWTVerificationPolicy(
            issuer: issuer, audience: audience, allowedAlgorithms: Self.acceptedAlgorithms, now: now)
        do {
            return try JWT.verify(
                token, as: IDTokenClaims.self, policy: policy, verifyingKeys: { id in published.first { $0.id == id }?.key })
        } catch {
            throw IdentityError(
                code: .invalidToken, message: "the token is not valid: \(error.reason)", detail: "\(error.code)",
                underlying: error)
        }
    }
}
