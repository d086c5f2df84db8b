import BerthCrypto
import BerthRPC

/// The read-only issuer RPCs: JWKS, discovery, token verification.
public struct IssuerHandlers: Sendable {
    let issuer: IDTokenIssuer
    let now: @Sendable () -> Int64
    /// Access keys, and revocation of ID tokens whose session ended (AccessKeys/, Admin/BearerVerifier).
    let bearer: BearerVerifier?

    public init(issuer: IDTokenIssuer, now: @escaping @Sendable () -> Int64, bearer: BearerVerifier? = nil) {
        self.issuer = issuer
        self.now = now
        self.bearer = bearer
    }

    /// Where the gateway serves the JWKS, relative to the issuer.
    public static let jwksPath = "/openid/v1/jwks"

    public func jwks() throws(IdentityError) -> IdentityV1.GetJWKSResponse {
        // Make sure a key of each algorithm exists (first start) and rotation happened when due, even before the
        // first login.
        try issuer.keys.ensureCurrentKeys(now: now())
        let set = try issuer.keys.jwks(now: now())
        return IdentityV1.GetJWKSResponse(
            keys: set.keys.map {
                IdentityV1.JsonWebKey(
                    kty: $0.kty, crv: $0.crv ?? "", x: $0.x ?? "", y: $0.y ?? "", kid: $0.kid, use: $0.use,
                    alg: $0.alg, n: $0.n ?? "", e: $0.e ?? "")
            })
    }

    /// Where the gateway serves the OAuth endpoints, relative to the issuer.
    public static let oauthPaths = (
        authorize: "/authorize", token: "/token", device: "/device/code", revoke: "/revoke", userinfo: "/userinfo",
        logout: "/logout"
    )

    /// What Berth implements: ES256 (default) and RS256 ID tokens with public subjects, the code flow with PKCE S256, refresh, the
    /// device grant, revocation, userinfo and logout.
    public func discovery() -> IdentityV1.GetDiscoveryResponse {
        let base = issuer.issuer
        var document = IdentityV1.GetDiscoveryResponse(
            issuer: issuer.issuer, jwksUri: issuer.issuer + Self.jwksPath,
            idTokenSigningAlgValuesSupported: JWSAlgorithm.allCases.map(\.rawValue), subjectTypesSupported: ["public"],
            responseTypesSupported: ["code"],
            claimsSupported: [
                "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "preferred_username", "email", "name",
                "groups",
            ],
            scopesSupported: ["openid", "email", "profile", "groups", "offline_access"])
        document.responseTypesSupported = ["code"]
        document.authorizationEndpoint = base + Self.oauthPaths.authorize
        document.tokenEndpoint = base + Self.oauthPaths.token
        document.deviceAuthorizationEndpoint = base + Self.oauthPaths.device
        document.revocationEndpoint = base + Self.oauthPaths.revoke
        document.userinfoEndpoint = base + Self.oauthPaths.userinfo
        document.endSessionEndpoint = base + Self.oauthPaths.logout
        document.grantTypesSupported = OAuthClient.Grant.allCases.map(\.rawValue)
        document.codeChallengeMethodsSupported = ["S256"]
        document.tokenEndpointAuthMethodsSupported = ["none", "client_secret_basic", "client_secret_post"]
        return document
    }

    public func verify(_ request: IdentityV1.VerifyTokenRequest) throws(IdentityError) -> IdentityV1.VerifyTokenResponse {
        // An access key has no audience; an ID token must name one.
        if let bearer, AccessKeyToken.looksLikeAccessKey(request.token) {
            return try bearer.verify(request.token, audience: nil)
        }
        guard !request.audience.isEmpty else {
            throw IdentityError(
                code: .invalidArgument, message: "audience is empty: give the client id the token must be for")
        }
        if let bearer { return try bearer.verify(request.token, audience: request.audience) }
        let claims = try issuer.verify(request.token, audience: request.audience, now: now())
        return IdentityV1.VerifyTokenResponse(
            subject: claims.sub, username: claims.preferredUsername, email: claims.email, name: claims.name,
            groups: claims.groups, expiresAtUnix: claims.exp, authTimeUnix: claims.authTime,
            sessionId: claims.sid ?? "", tokenKind: BearerVerifier.idTokenKind)
    }
}
