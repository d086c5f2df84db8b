import BerthTesting
import Foundation
@testable import IdentityService
import XCTest

/// The upstream OIDC connector against a fake provider signing real RS256 tokens (PyJWT): discovery, PKCE
/// authorization URL, token exchange, and every way an ID token must be refused.
final class UpstreamOIDCConnectorTests: XCTestCase {
    struct Fixture {
        let identity: IdentityFixture
        let directory: TemporaryDirectory
        let idp: FakeUpstreamIdP
        let connector: UpstreamOIDCConnector

        init() throws {
            directory = try TemporaryDirectory(prefix: "idp")
            identity = try IdentityFixture()
            idp = try FakeUpstreamIdP(directory: directory.path)
            connector = UpstreamOIDCConnector(
                settings: UpstreamOIDCSettings(
                    id: "corp-sso", displayName: "Corp SSO", issuer: idp.issuer, clientID: FakeUpstreamIdP.clientID,
                    clientSecret: FakeUpstreamIdP.clientSecret, timeoutSeconds: 5),
                mirror: SQLiteMirroredUserStore(database: identity.database))
        }

        func finish(_ mode: String, nonce: String = "n-1", sentNonce: String? = nil) async throws -> User {
            let now = identity.clock.now
            return try await connector.finishLogin(
                code: "\(mode).\(nonce).\(now)", nonce: sentNonce ?? nonce, codeVerifier: "verifier-123",
                callbackURL: "https://berth.test/callback", now: now)
        }

        func remove() {
            idp.stop()
            identity.remove()
            directory.remove()
        }
    }

    func testAuthorizationURLCarriesPKCEStateAndNonce() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let url = try await fixture.connector.authorizationURL(
            state: "st-1", nonce: "n-1", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            callbackURL: "https://berth.test/callback?x=1&y=2")
        let components = try XCTUnwrap(URLComponents(string: url))
        XCTAssertEqual(components.path, "/authorize")
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        XCTAssertEqual(query["response_type"], "code")
        XCTAssertEqual(query["client_id"], "berth")
        XCTAssertEqual(query["state"], "st-1")
        XCTAssertEqual(query["nonce"], "n-1")
        XCTAssertEqual(query["redirect_uri"], "https://berth.test/callback?x=1&y=2")
        XCTAssertEqual(query["scope"], "openid profile email")
        XCTAssertEqual(query["code_challenge_method"], "S256")
        // RFC 7636 appendix B's example verifier and challenge.
        XCTAssertEqual(query["code_challenge"], "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    func testSuccessMapsClaimsAndMirrorsTheUserBySub() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let user = try await fixture.finish("ok")
        XCTAssertEqual(user.username, "carol")
        XCTAssertEqual(user.email, "carol@corp.example")
        XCTAssertEqual(user.displayName, "Carol Upstream")
        XCTAssertEqual(user.groups, ["sso-devs", "sso-ops"])
        XCTAssertEqual(user.connectorID, "corp-sso")
        let again = try await fixture.finish("ok", nonce: "n-2")
        XCTAssertEqual(again.id, user.id, "the same upstream sub is the same Berth user")
    }

    func testEveryBadTokenIsRefused() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        _ = try await fixture.finish("ok")  // keys cached
        let cases: [(String, String?, String)] = [
            ("ok", "another-nonce", "nonce"),
            ("expired", nil, "expired"),
            ("wrongaud", nil, "audience"),
            ("wrongiss", nil, "issuer"),
            ("none", nil, "\"none\" is not allowed"),
            ("hs256", nil, "\"HS256\" is not allowed"),
            ("unknownkey", nil, "no trusted key has id \"rogue\""),
        ]
        for (mode, sentNonce, reason) in cases {
            let error = await identityError { try await fixture.finish(mode, sentNonce: sentNonce) }
            XCTAssertEqual(error?.code, .invalidToken, mode)
            XCTAssertTrue(error?.detail.contains(reason) ?? false, "\(mode): \(error?.detail ?? "no error")")
            XCTAssertFalse(error?.message.contains(reason) ?? true, "\(mode): the reason stays in the detail")
        }
    }

    func testAKeyRotatedUpstreamIsFetchedOnce() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        _ = try await fixture.finish("ok")  // first JWKS fetch: k1 only
        let rotated = try await fixture.finish("rotated", nonce: "n-3")  // k2: unknown kid → refetch once
        XCTAssertEqual(rotated.username, "carol")
    }

    func testAWrongClientSecretIsAnUpstreamErrorNotAVerifiedLogin() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        var settings = fixture.connector.settings
        settings.clientSecret = "wrong"
        let connector = UpstreamOIDCConnector(
            settings: settings, mirror: SQLiteMirroredUserStore(database: fixture.identity.database))
        let now = fixture.identity.clock.now
        let error = await identityError {
            try await connector.finishLogin(
                code: "ok.n.\(now)", nonce: "n", codeVerifier: "v", callbackURL: "https://berth.test/cb", now: now)
        }
        XCTAssertEqual(error?.code, .upstreamUnavailable)
        XCTAssertTrue(error?.detail.contains("401") ?? false, error?.detail ?? "")
    }
}
