import BerthRPC
import IdentityService
import Logging
import Synchronization
import XCTest

/// Logins through a `RedirectConnector`: identity keeps state, nonce and verifier, hands them to the connector,
/// accepts each state once, and ends in the same code as a password login.
final class OAuthUpstreamLoginTests: XCTestCase {
    /// An upstream that remembers what it was given and logs in `user` when the code is "good".
    final class FakeUpstream: RedirectConnector {
        let id = "corp"
        let displayName = "Corp SSO"
        let user: User
        let seen = Mutex<[String: String]>([:])

        init(user: User) { self.user = user }

        func authorizationURL(state: String, nonce: String, codeVerifier: String, callbackURL: String)
            async throws(IdentityError) -> String
        {
            seen.withLock { $0 = ["state": state, "nonce": nonce, "verifier": codeVerifier, "callback": callbackURL] }
            return "https://sso.example/authorize?state=\(state)"
        }

        func finishLogin(code: String, nonce: String, codeVerifier: String, callbackURL: String, now: Int64)
            async throws(IdentityError) -> User
        {
            let expected = seen.withLock { $0 }
            guard code == "good", nonce == expected["nonce"], codeVerifier == expected["verifier"],
                callbackURL == expected["callback"]
            else { throw IdentityError(code: .invalidCredentials, message: "upstream refused", detail: "bad code") }
            return user
        }
    }

    func testUpstreamLoginEndsInACodeAndItsStateIsSingleUse() async throws {
        let base = try OAuthFixture()
        defer { base.remove() }
        let upstream = FakeUpstream(user: base.alice)
        let provider = OAuthProvider(
            clients: OAuthClientRegistry(clients: [.berthCLI]), connectors: [upstream],
            issuer: IDTokenIssuer(
                issuer: "https://berth.example", lifetime: 600,
                keys: SigningKeyRing(
                    store: SQLiteSigningKeyStore(database: base.identity.database), rotationPeriod: 86400, overlap: 600)
            ),
            users: base.identity.users, sessions: SQLiteSessionStore(database: base.identity.database),
            store: SQLiteOAuthStore(database: base.identity.database), lifetimes: OAuthFixture.lifetimes, audit: nil,
            now: base.clock.function, logger: Logger(label: "test"))
        XCTAssertEqual(
            provider.loginConnectors, [IdentityV1.LoginConnector(id: "corp", displayName: "Corp SSO", password: false)])

        let url = try await provider.startUpstreamLogin(
            try base.parameters(nonce: "client-nonce"), connectorID: "corp",
            callbackURL: "https://berth.example/callback")
        let state = try XCTUnwrap(upstream.seen.withLock { $0["state"] })
        XCTAssertEqual(url, "https://sso.example/authorize?state=\(state)")
        XCTAssertGreaterThanOrEqual(upstream.seen.withLock { $0["verifier"] ?? "" }.count, 43)

        let finished = try await provider.finishUpstreamLogin(state: state, code: "good")
        XCTAssertEqual(finished.parameters.state, "s-1", "the client's own state comes back")
        let tokens = try await provider.token(
            IdentityV1.TokenRequest(
                grantType: "authorization_code", code: finished.code, redirectUri: OAuthFixture.redirect,
                codeVerifier: OAuthFixture.verifier, clientId: "berth-cli"))
        let claims = try provider.userInfo(accessToken: tokens.accessToken)
        XCTAssertEqual(claims.sub, base.alice.id)
        XCTAssertEqual(claims.nonce, "client-nonce")

        let replay = await oauthError { try await provider.finishUpstreamLogin(state: state, code: "good") }
        XCTAssertEqual(replay, "access_denied", "a state is used once")

        // A refused upstream login gives no code; an expired state neither.
        _ = try await provider.startUpstreamLogin(
            try base.parameters(), connectorID: "corp", callbackURL: "https://berth.example/callback")
        let refusedState = try XCTUnwrap(upstream.seen.withLock { $0["state"] })
        let refused = await oauthError { try await provider.finishUpstreamLogin(state: refusedState, code: "bad") }
        XCTAssertEqual(refused, "access_denied")
        _ = try await provider.startUpstreamLogin(
            try base.parameters(), connectorID: "corp", callbackURL: "https://berth.example/callback")
        let lateState = try XCTUnwrap(upstream.seen.withLock { $0["state"] })
        base.clock.advance(OAuthProvider.upstreamLoginLifetime)
        let late = await oauthError { try await provider.finishUpstreamLogin(state: lateState, code: "good") }
        XCTAssertEqual(late, "access_denied")
        let unknown = await oauthError {
            try await provider.startUpstreamLogin(try base.parameters(), connectorID: "nope", callbackURL: "x")
        }
        XCTAssertEqual(unknown, "access_denied")
    }
}
