import BerthRPC
import IdentityService
import XCTest

/// The OAuth state machines on a real identity.db with an injected clock: authorization codes (PKCE, single use,
/// expiry), refresh rotation and reuse detection, lifetimes, logout and revocation.
final class OAuthFlowTests: XCTestCase {
    func testAuthorizationRequestsAreValidated() throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let provider = fixture.provider
        var p = try fixture.parameters()
        XCTAssertNil(provider.checkAuthorization(p).error)
        // Loopback redirects of the public CLI match on any port (RFC 8252), other hosts and paths do not.
        p.redirectUri = "http://127.0.0.1:61000/callback"
        XCTAssertNil(provider.checkAuthorization(p).error)
        for bad in ["http://127.0.0.2:61000/callback", "http://127.0.0.1:61000/other", "https://evil.example/callback"]
        {
            p.redirectUri = bad
            let check = provider.checkAuthorization(p)
            XCTAssertEqual(check.error?.oauthError, "invalid_request", bad)
            XCTAssertNil(check.client, "a bad redirect_uri is never redirected to")
        }
        p = try fixture.parameters()
        p.codeChallengeMethod = "plain"
        XCTAssertEqual(provider.checkAuthorization(p).error?.oauthError, "invalid_request")
        XCTAssertNotNil(provider.checkAuthorization(p).client, "redirect the error: client and redirect are fine")
        p = try fixture.parameters()
        p.codeChallenge = ""
        p.codeChallengeMethod = ""
        XCTAssertEqual(provider.checkAuthorization(p).error?.oauthError, "invalid_request", "public clients need PKCE")
        p = try fixture.parameters()
        p.responseType = "token"
        XCTAssertEqual(provider.checkAuthorization(p).error?.oauthError, "unsupported_response_type")
        p = try fixture.parameters()
        p.scope = "groups"
        XCTAssertEqual(provider.checkAuthorization(p).error?.oauthError, "invalid_scope")
        p = try fixture.parameters(client: "nobody")
        XCTAssertEqual(provider.checkAuthorization(p).error?.oauthError, "invalid_client")
        XCTAssertNil(provider.checkAuthorization(p).client)
    }

    func testACodeIsSingleUseAndAReplayRevokesWhatItIssued() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let code = try await fixture.code(nonce: "nonce-42")
        let request = IdentityV1.TokenRequest(
            grantType: "authorization_code", code: code, redirectUri: OAuthFixture.redirect,
            codeVerifier: OAuthFixture.verifier, clientId: "berth-cli")
        let tokens = try await fixture.provider.token(request)
        let claims = try fixture.provider.userInfo(accessToken: tokens.accessToken)
        XCTAssertEqual(claims.sub, fixture.alice.id)
        XCTAssertEqual(claims.nonce, "nonce-42")
        XCTAssertEqual(claims.aud, "berth-cli")
        XCTAssertEqual(claims.groups, ["devs"])
        XCTAssertNotNil(tokens.refreshToken)

        let replay = await oauthError { try await fixture.provider.token(request) }
        XCTAssertEqual(replay, "invalid_grant")
        // The replay revoked the refresh token and ended the session the first exchange got.
        let answer1 = await oauthError { try await fixture.refresh(tokens.refreshToken) }
        XCTAssertEqual(answer1, "invalid_grant")
        let answer2 = await oauthError { try fixture.provider.userInfo(accessToken: tokens.accessToken) }
        XCTAssertEqual(answer2, "invalid_grant")
    }

    func testPKCEMismatchWrongRedirectAndExpiryAreRefused() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        func exchange(
            _ code: String, verifier: String = OAuthFixture.verifier, redirect: String = OAuthFixture.redirect
        )
            async -> String?
        {
            await oauthError {
                try await fixture.provider.token(
                    IdentityV1.TokenRequest(
                        grantType: "authorization_code", code: code, redirectUri: redirect, codeVerifier: verifier,
                        clientId: "berth-cli"))
            }
        }
        let wrongVerifier = await exchange(try await fixture.code(), verifier: String(repeating: "x", count: 50))
        XCTAssertEqual(wrongVerifier, "invalid_grant")
        let noVerifier = await exchange(try await fixture.code(), verifier: "")
        XCTAssertEqual(noVerifier, "invalid_grant")
        let otherRedirect = await exchange(try await fixture.code(), redirect: "http://127.0.0.1:9/callback")
        XCTAssertEqual(otherRedirect, "invalid_grant")
        let late = try await fixture.code()
        fixture.clock.advance(61)
        let answer3 = await exchange(late)
        XCTAssertEqual(answer3, "invalid_grant", "codes live 60 s")
        let fresh = try await fixture.code()
        let answer4 = await exchange(fresh)
        XCTAssertNil(answer4)
        let answer5 = await exchange("made-up")
        XCTAssertEqual(answer5, "invalid_grant")
    }

    func testRefreshRotatesAndAReusedTokenRevokesTheFamilyAndTheSession() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let first = try await fixture.login()
        fixture.clock.advance(30)
        let second = try await fixture.refresh(first.refreshToken)
        XCTAssertNotEqual(second.refreshToken, first.refreshToken, "every refresh returns a new refresh token")
        XCTAssertEqual(second.sessionID, first.sessionID)
        let third = try await fixture.refresh(second.refreshToken)
        // The already-rotated first token comes back (stolen copy): the whole family dies, and the session.
        let answer6 = await oauthError { try await fixture.refresh(first.refreshToken) }
        XCTAssertEqual(answer6, "invalid_grant")
        let answer7 = await oauthError { try await fixture.refresh(third.refreshToken) }
        XCTAssertEqual(answer7, "invalid_grant")
        let answer8 = await oauthError { try fixture.provider.userInfo(accessToken: third.accessToken) }
        XCTAssertEqual(answer8, "invalid_grant")
        // A refresh token of another client does not work for this one.
        let multi1 = await oauthError {
            try await fixture.provider.token(
                IdentityV1.TokenRequest(grantType: "refresh_token", refreshToken: "x", clientId: "portal"))
        }
        XCTAssertEqual(multi1, "invalid_client", "portal is confidential: no secret, no entry")
    }

    func testRefreshIdleAndAbsoluteLifetimes() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        // Idle: 1 h without use.
        let idle = try await fixture.login()
        fixture.clock.advance(OAuthFixture.lifetimes.refreshIdle)
        let answer9 = await oauthError { try await fixture.refresh(idle.refreshToken) }
        XCTAssertEqual(answer9, "invalid_grant")
        // Absolute: 4 h after the login, however often it was refreshed within the idle time.
        var tokens = try await fixture.login()
        for _ in 0..<7 {
            fixture.clock.advance(1800)
            tokens = try await fixture.refresh(tokens.refreshToken)
        }
        fixture.clock.advance(1800)
        let answer10 = await oauthError { try await fixture.refresh(tokens.refreshToken) }
        XCTAssertEqual(answer10, "invalid_grant")
    }

    func testLogoutEndsOnlyThatSession() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let laptop = try await fixture.login()
        let desktop = try await fixture.login()
        XCTAssertNotEqual(laptop.sessionID, desktop.sessionID)
        let outcome = try await fixture.provider.logout(idTokenHint: laptop.idToken, postLogoutRedirectURI: "")
        XCTAssertTrue(outcome.ended)
        let answer11 = await oauthError { try await fixture.refresh(laptop.refreshToken) }
        XCTAssertEqual(answer11, "invalid_grant")
        let answer12 = await oauthError { try fixture.provider.userInfo(accessToken: laptop.accessToken) }
        XCTAssertEqual(answer12, "invalid_grant")
        let answer13 = await oauthError { try await fixture.refresh(desktop.refreshToken) }
        XCTAssertNil(answer13, "the other session lives on")
        // A post-logout redirect must be registered for the token's client (berth-cli registers none).
        let multi2 = await oauthError {
            try await fixture.provider.logout(
                idTokenHint: desktop.idToken, postLogoutRedirectURI: "https://evil.example/")
        }
        XCTAssertEqual(multi2, "invalid_request")
    }

    func testRevocationEndsTheSessionAndUnknownTokensAreFine() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.login()
        try await fixture.provider.revoke(token: "not-a-token", clientID: "berth-cli", clientSecret: "")
        try await fixture.provider.revoke(token: tokens.accessToken, clientID: "berth-cli", clientSecret: "")
        let answer14 = await oauthError { try fixture.provider.userInfo(accessToken: tokens.accessToken) }
        XCTAssertNil(answer14)
        try await fixture.provider.revoke(token: tokens.refreshToken ?? "", clientID: "berth-cli", clientSecret: "")
        let answer15 = await oauthError { try await fixture.refresh(tokens.refreshToken) }
        XCTAssertEqual(answer15, "invalid_grant")
        let answer16 = await oauthError { try fixture.provider.userInfo(accessToken: tokens.accessToken) }
        XCTAssertEqual(answer16, "invalid_grant")
    }

    func testConfidentialClientsAuthenticate() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        var p = try fixture.parameters(client: "portal", redirect: "https://portal.example/cb")
        p.codeChallenge = ""
        p.codeChallengeMethod = ""
        XCTAssertNil(fixture.provider.checkAuthorization(p).error, "PKCE is optional for confidential clients")
        let code = try await fixture.provider.completeLogin(
            p, connectorID: "", username: "alice", password: "alice-password")
        var request = IdentityV1.TokenRequest(
            grantType: "authorization_code", code: code, redirectUri: "https://portal.example/cb", clientId: "portal",
            clientSecret: "wrong")
        let answer17 = await oauthError { try await fixture.provider.token(request) }
        XCTAssertEqual(answer17, "invalid_client")
        request.clientSecret = "portal-secret"
        let tokens = try await fixture.provider.token(request)
        let bye = try await fixture.provider.logout(
            idTokenHint: tokens.idToken, postLogoutRedirectURI: "https://portal.example/bye")
        XCTAssertEqual(bye.redirect, "https://portal.example/bye")
        // A login with the wrong password yields no code and one message.
        let denied = await oauthError {
            try await fixture.provider.completeLogin(p, connectorID: "", username: "alice", password: "nope")
        }
        XCTAssertEqual(denied, "access_denied")
    }
}
