import BerthCrypto
import BerthRPC
import IdentityService
import Logging

/// An `OAuthProvider` on a real identity.db with the test's clock, a local user `alice`, the built-in
/// `berth-cli`, a confidential client `portal` (secret "portal-secret") and a public client `rsa-tool` whose ID
/// tokens are RS256.
struct OAuthFixture {
    let identity: IdentityFixture
    let provider: OAuthProvider
    let alice: User
    static let lifetimes = OAuthLifetimes(session: 12 * 3600, refreshIdle: 3600, refreshAbsolute: 4 * 3600)
    static let redirect = "http://127.0.0.1:53124/callback"

    init() throws {
        identity = try IdentityFixture()
        alice = try identity.addUser("alice", password: "alice-password", groups: ["devs"])
        let issuer = IDTokenIssuer(
            issuer: "https://berth.example", lifetime: 600,
            keys: SigningKeyRing(
                store: SQLiteSigningKeyStore(database: identity.database), rotationPeriod: 86400, overlap: 600))
        let portal = OAuthClient(
            id: "portal", isPublic: false,
            secretHash: try PasswordHash.make(
                password: "portal-secret", parameters: .init(logN: 10, r: 8, p: 1, keyLength: 32)),
            redirectURIs: ["https://portal.example/cb"], postLogoutRedirectURIs: ["https://portal.example/bye"],
            grants: [.authorizationCode, .refreshToken])
        provider = OAuthProvider(
            clients: OAuthClientRegistry(clients: [.berthCLI, portal, Self.rsaTool]),
            connectors: [
                try LocalPasswordConnector(store: identity.users, lockout: LockoutPolicy(maxFailures: 50, duration: 60))
            ],
            issuer: issuer, users: identity.users, sessions: SQLiteSessionStore(database: identity.database),
            store: SQLiteOAuthStore(database: identity.database), lifetimes: Self.lifetimes, audit: nil,
            now: identity.clock.function, logger: Logger(label: "test.oauth"))
    }

    static let rsaTool = OAuthClient(id: "rsa-tool", isPublic: true, redirectURIs: [redirect], idTokenSigningAlg: "RS256")

    var clock: TestClock { identity.clock }

    static let verifier = String(repeating: "v", count: 43) + "-verifier"

    func parameters(client: String = "berth-cli", redirect: String = redirect, nonce: String = "n-1")
        throws -> IdentityV1.AuthorizationParameters
    {
        IdentityV1.AuthorizationParameters(
            clientId: client, redirectUri: redirect, responseType: "code", scope: "openid groups", state: "s-1",
            nonce: nonce, codeChallenge: try PKCE.challenge(for: Self.verifier), codeChallengeMethod: "S256")
    }

    /// Password login through the login page → a code for berth-cli.
    func code(nonce: String = "n-1") async throws -> String {
        try await provider.completeLogin(
            try parameters(nonce: nonce), connectorID: "local", username: "alice", password: "alice-password")
    }

    /// A full code flow: the tokens.
    func login() async throws -> OAuthProvider.Tokens {
        try await provider.token(
            IdentityV1.TokenRequest(
                grantType: "authorization_code", code: try await code(), redirectUri: Self.redirect,
                codeVerifier: Self.verifier, clientId: "berth-cli"))
    }

    func refresh(_ token: String?) async throws -> OAuthProvider.Tokens {
        try await provider.token(
            IdentityV1.TokenRequest(grantType: "refresh_token", refreshToken: token ?? "", clientId: "berth-cli"))
    }

    func remove() { identity.remove() }
}

/// The OAuth `error` string a call failed with (nil when it succeeded).
func oauthError<T>(_ body: () async throws -> T) async -> String? {
    do {
        _ = try await body()
        return nil
    } catch let error as IdentityError {
        return error.oauthError
    } catch {
        return "unexpected \(error)"
    }
}
