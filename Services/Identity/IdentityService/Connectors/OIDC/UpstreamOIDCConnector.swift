import BerthCrypto
import Foundation
import Synchronization

/// Logins through a corporate OpenID Connect provider (authorization code + PKCE S256, state and nonce).
///
/// Discovery is fetched on first use and cached; the JWKS is cached and fetched again once when a token names
/// an unknown `kid` (key rotation upstream). An ID token is accepted only when its `alg` is in
/// `allowedAlgorithms` and is the algorithm of the key its `kid` names (`none` and HS* never are), its
/// signature verifies, `iss` is the configured issuer, `aud` contains `clientID`, `exp`/`nbf` hold within 60 s
/// of skew, and `nonce` is the one this login sent. The user is mirrored keyed by (connector id, `sub`).
public final class UpstreamOIDCConnector: RedirectConnector {
    public let id: String
    public let settings: UpstreamOIDCSettings
    public var displayName: String { settings.displayName }
    let mirror: any MirroredUserStore
    let http: UpstreamHTTP
    /// Clock skew tolerated on exp/nbf, seconds.
    static let leeway: Int64 = 60

    private struct Cache {
        var provider: UpstreamOIDCProvider?
        var keys: [String: any JWSPublicKey] = [:]
    }
    private let cache = Mutex(Cache())

    public init(settings: UpstreamOIDCSettings, mirror: any MirroredUserStore) {
        id = settings.id
        self.settings = settings
        self.mirror = mirror
        http = UpstreamHTTP(timeoutSeconds: settings.timeoutSeconds, connectorID: settings.id)
    }

    public func authorizationURL(
        state: String, nonce: String, codeVerifier: String, callbackURL: String
    ) async throws(IdentityError) -> String {
        let provider = try await provider()
        let challenge: String
        do {
            challenge = try PKCE.challenge(for: codeVerifier)
        } catch {
            throw IdentityError.crypto("derive the PKCE code challenge", error)
        }
        guard var components = URLComponents(string: provider.authorizationEndpoint) else {
            throw IdentityError(
                code: .upstreamUnavailable,
                message: "the authorization_endpoint of \(settings.issuer) is not a URL: \(provider.authorizationEndpoint)")
        }
        let parameters = [
            ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", callbackURL),
            ("scope", settings.scopes.joined(separator: " ")), ("state", state), ("nonce", nonce),
            ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
        // Percent-encoded by hand: URLComponents leaves '+' and '&' in values that need encoding here.
        let extra = parameters.map { UpstreamHTTP.formEncode($0.0) + "=" + UpstreamHTTP.formEncode($0.1) }
        components.percentEncodedQuery = ([components.percentEncodedQuery].compactMap { $0 } + extra)
            .filter { !$0.isEmpty }.joined(separator: "&")
        guard let url = components.string else {
            throw IdentityError(code: .upstreamUnavailable, message: "cannot build the authorization URL of \(settings.issuer)")
        }
        return url
    }

    public func finishLogin(
        code: String, nonce: String, codeVerifier: String, callbackURL: String, now: Int64
    ) async throws(IdentityError) -> User {
        guard !code.isEmpty, !nonce.isEmpty else {
            throw IdentityError.invalidCredentials(detail: "oidc \(id): empty code or nonce")
        }
        let provider = try await provider()
        let answer = try await http.postForm(
            provider.tokenEndpoint,
            form: [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callbackURL),
                ("code_verifier", codeVerifier), ("client_id", settings.clientID),
            ],
            basicUser: settings.clientID, basicPassword: settings.clientSecret)
        guard let idToken = answer["id_token"] as? String else {
            throw IdentityError(
                code: .upstreamUnavailable, message: "the token endpoint of \(settings.issuer) answered without an id_token")
        }
        let claims = try await verify(idToken, now: now)
        guard claims.strings["nonce"] == nonce else {
            throw refused("its nonce is not the one this login sent (a replayed or mixed-up response)")
        }
        guard let subject = claims.strings["sub"], !subject.isEmpty else { throw refused("it has no sub claim") }
        guard let username = claims.strings[settings.usernameClaim], !username.isEmpty else {
            throw refused("it has no \"\(settings.usernameClaim)\" claim (usernameClaim): map another claim")
        }
        let external = ExternalUser(
            externalID: subject, username: username, displayName: claims.strings["name"] ?? "",
            email: claims.strings["email"] ?? "",
            groups: settings.groupsClaim.isEmpty ? [] : claims.list(settings.groupsClaim), location: settings.issuer)
        let user = try mirror.mirror(external, connectorID: id, now: now)
        if user.disabled {
            throw IdentityError.invalidCredentials(detail: "oidc \(id): user \"\(user.username)\" is disabled in Berth")
        }
        return user
    }

    /// Verifies signature and registered claims; refetches the JWKS once when the kid is unknown.
    func verify(_ token: String, now: Int64) async throws(IdentityError) -> UpstreamIDTokenClaims {
        let policy = JWTVerificationPolicy(
            issuer: settings.issuer, audience: settings.clientID,
            allowedAlgorithms: Set(settings.allowedAlgorithms).intersection(UpstreamOIDCSettings.supportedAlgorithms),
            now: now, leeway: Self.leeway)
        var refetched = false
        if cache.withLock({ $0.keys.isEmpty }) {
            try await refreshKeys()
            refetched = true
        }
        while true {
            let keys = cache.withLock { $0.keys }
            do throws(CryptoError) {
                return try JWT.verify(token, as: UpstreamIDTokenClaims.self, policy: policy) { keys[$0] }
            } catch where error.code == .unknownKey && !refetched {
                try await refreshKeys()
                refetched = true
            } catch {
                throw refused(error.reason)
            }
        }
    }

    private func refused(_ reason: String) -> IdentityError {
        IdentityError(
            code: .invalidToken,
            message: "the sign-in through \(settings.displayName) was refused: its ID token did not verify; "
                + "try again, and tell the Berth admins if it keeps failing",
            detail: "oidc \(id): \(reason)")
    }

    private func provider() async throws(IdentityError) -> UpstreamOIDCProvider {
        if let cached = cache.withLock({ $0.provider }) { return cached }
        let issuer = settings.issuer.hasSuffix("/") ? String(settings.issuer.dropLast()) : settings.issuer
        let discovery = try await http.getJSON(issuer + "/.well-known/openid-configuration")
        let provider = try UpstreamOIDCProvider(discovery: discovery, issuer: settings.issuer)
        cache.withLock { $0.provider = provider }
        return provider
    }

    private func refreshKeys() async throws(IdentityError) {
        let provider = try await provider()
        let keys = UpstreamOIDCProvider.keys(fromJWKS: try await http.getJSON(provider.jwksURI))
        cache.withLock { $0.keys = keys }
    }
}
