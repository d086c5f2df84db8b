import BerthRPC
import IdentityService
import XCTest

/// RFC 8628 on a real identity.db with an injected clock: pending, slow_down, approved (once), denied, expired.
final class OAuthDeviceFlowTests: XCTestCase {
    func poll(_ fixture: OAuthFixture, _ deviceCode: String) async -> String? {
        await oauthError {
            try await fixture.provider.token(
                IdentityV1.TokenRequest(
                    grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: deviceCode,
                    clientId: "berth-cli"))
        }
    }

    func testPendingSlowDownApprovedThenUsed() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let started = try fixture.provider.startDeviceAuthorization(
            clientID: "berth-cli", clientSecret: "", scope: "openid")
        XCTAssertEqual(started.interval, 5)
        XCTAssertNotNil(
            started.userCode.range(
                of: #"^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"#, options: .regularExpression))
        let answer1 = await poll(fixture, started.deviceCode)
        XCTAssertEqual(answer1, "authorization_pending")
        fixture.clock.advance(1)
        let answer2 = await poll(fixture, started.deviceCode)
        XCTAssertEqual(answer2, "slow_down")
        fixture.clock.advance(10)
        let answer3 = await poll(fixture, started.deviceCode)
        XCTAssertEqual(answer3, "authorization_pending", "waited the new interval")

        // A wrong password approves nothing; the person types the code in lower case with a space.
        let typed = started.userCode.lowercased().replacingOccurrences(of: "-", with: " ")
        let denied = await oauthError {
            try await fixture.provider.verifyDevice(
                userCode: typed, connectorID: "", username: "alice", password: "nope", approve: true)
        }
        XCTAssertEqual(denied, "access_denied")
        let multi1 = try await fixture.provider.verifyDevice(
            userCode: typed, connectorID: "", username: "alice", password: "alice-password", approve: true)
        XCTAssertEqual(
            multi1,
            "berth-cli")
        fixture.clock.advance(10)
        let tokens = try await fixture.provider.token(
            IdentityV1.TokenRequest(
                grantType: "urn:ietf:params:oauth:grant-type:device_code", deviceCode: started.deviceCode,
                clientId: "berth-cli"))
        XCTAssertEqual(try fixture.provider.userInfo(accessToken: tokens.accessToken).preferredUsername, "alice")
        XCTAssertNotNil(tokens.refreshToken)
        let answer4 = await poll(fixture, started.deviceCode)
        XCTAssertEqual(answer4, "invalid_grant", "a device code gives tokens once")
    }

    func testDeniedAndExpired() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let denied = try fixture.provider.startDeviceAuthorization(clientID: "berth-cli", clientSecret: "", scope: "")
        _ = try await fixture.provider.verifyDevice(
            userCode: denied.userCode, connectorID: "", username: "alice", password: "alice-password", approve: false)
        let answer5 = await poll(fixture, denied.deviceCode)
        XCTAssertEqual(answer5, "access_denied")

        let late = try fixture.provider.startDeviceAuthorization(clientID: "berth-cli", clientSecret: "", scope: "")
        fixture.clock.advance(late.expiresIn)
        let answer6 = await poll(fixture, late.deviceCode)
        XCTAssertEqual(answer6, "expired_token")
        let tooLate = await oauthError {
            try await fixture.provider.verifyDevice(
                userCode: late.userCode, connectorID: "", username: "alice", password: "alice-password", approve: true)
        }
        XCTAssertEqual(tooLate, "invalid_request")
        // The portal client is not allowed the device grant.
        let multi2 = await oauthError {
            try fixture.provider.startDeviceAuthorization(clientID: "portal", clientSecret: "portal-secret", scope: "")
        }
        XCTAssertEqual(multi2, "unauthorized_client")
    }
}
