import BerthCrypto
import BerthRPC
import Foundation
import IdentityService
import XCTest

/// A client configured with `idTokenSigningAlg: RS256` gets RS256 ID tokens from the code flow and from refresh,
/// signed by the ring's current RS256 key; `berth-cli` keeps ES256; both verify (userinfo, VerifyToken path).
final class OAuthRS256Tests: XCTestCase {
    func testAnRS256ClientGetsRS256TokensFromTheCodeFlowAndRefresh() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let code = try await fixture.provider.completeLogin(
            try fixture.parameters(client: "rsa-tool", nonce: "n-rsa"), connectorID: "local", username: "alice",
            password: "alice-password")
        let tokens = try await fixture.provider.token(
            IdentityV1.TokenRequest(
                grantType: "authorization_code", code: code, redirectUri: OAuthFixture.redirect,
                codeVerifier: OAuthFixture.verifier, clientId: "rsa-tool"))
        let header = try SigningKeyRS256Tests.header(tokens.idToken)
        XCTAssertEqual(header["alg"], "RS256")
        let published = SigningKeyRing(
            store: SQLiteSigningKeyStore(database: fixture.identity.database), rotationPeriod: 86400, overlap: 600)
        let jwks = try published.jwks(now: fixture.clock.now)
        let key = try XCTUnwrap(jwks.keys.first { $0.kid == header["kid"] })
        XCTAssertEqual(key.alg, "RS256")
        // Verified from the published n and e alone, as a relying party would.
        let publicKey = try RSAPublicKey(modulus: try XCTUnwrap(key.n), exponent: try XCTUnwrap(key.e))
        let parts = tokens.idToken.split(separator: ".").map(String.init)
        XCTAssertTrue(
            publicKey.isValidSignature(
                try XCTUnwrap(Base64URL.decode(parts[2])), for: Array((parts[0] + "." + parts[1]).utf8)))
        let claims = try fixture.provider.userInfo(accessToken: tokens.accessToken)
        XCTAssertEqual(claims.aud, "rsa-tool")
        XCTAssertEqual(claims.nonce, "n-rsa")

        let refreshed = try await fixture.provider.token(
            IdentityV1.TokenRequest(grantType: "refresh_token", refreshToken: tokens.refreshToken ?? "", clientId: "rsa-tool"))
        XCTAssertEqual(try SigningKeyRS256Tests.header(refreshed.idToken)["alg"], "RS256")
        XCTAssertEqual(try SigningKeyRS256Tests.header(refreshed.idToken)["kid"], header["kid"])

        let cli = try await fixture.login()
        XCTAssertEqual(try SigningKeyRS256Tests.header(cli.idToken)["alg"], "ES256", "berth-cli keeps the default")
    }
}
