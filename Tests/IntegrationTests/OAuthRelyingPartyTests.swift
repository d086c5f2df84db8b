import AuditService
import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import XCTest

/// Berth's OAuth flows end to end through the running gateway + identity, driven by a real relying-party library
/// (authlib's OAuth2Session): code + PKCE through the HTML login page (CSRF token included), refresh rotation and
/// reuse detection, the device flow approved through the /device form, logout of one session, revocation,
/// userinfo, and bad tokens refused both by authlib (through the JWKS) and by Berth.
final class OAuthRelyingPartyTests: XCTestCase {
    static let password = "integration-admin-password"

    func testAuthlibRunsTheCodeRefreshAndDeviceFlowsAgainstTheGateway() async throws {
        guard FileManager.default.isExecutableFile(atPath: IdentityOIDCTests.python),
            (try? await IdentityOIDCTests.runPython(
                ["-c", "import requests, authlib.integrations.requests_client"], environment: [:])) != nil
        else {
            throw XCTSkip("needs Debian's /usr/bin/python3 with python3-authlib and python3-requests (make test-deps)")
        }
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "oauth-rp")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(port)"
        let env = try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
            try await withRunningService(try IdentityService.build(config: env.config, logger: logger), in: env) {
                try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                    let output = try await IdentityOIDCTests.runPython(
                        ["-c", Self.relyingParty, base, "admin", Self.password], environment: [:])
                    let result = try XCTUnwrap(
                        try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], output)
                    try Self.check(result, base: base)
                    try await Self.checkAudit(env)
                }
            }
        }
    }

    static func check(_ r: [String: Any], base: String) throws {
        let discovery = try XCTUnwrap(r["discovery"] as? [String: Any])
        XCTAssertEqual(discovery["authorization_endpoint"] as? String, base + "/authorize")
        XCTAssertEqual(discovery["device_authorization_endpoint"] as? String, base + "/device/code")
        XCTAssertEqual(discovery["end_session_endpoint"] as? String, base + "/logout")
        XCTAssertEqual(discovery["code_challenge_methods_supported"] as? [String], ["S256"])
        XCTAssertEqual(
            Set(discovery["grant_types_supported"] as? [String] ?? []),
            ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"])

        let page = try XCTUnwrap(r["login_page"] as? [String: Any])
        XCTAssertEqual(page["status"] as? Int, 200)
        XCTAssertEqual(page["has_csrf"] as? Bool, true)
        XCTAssertEqual(page["labels"] as? Int, 2, "username and password are labelled")
        XCTAssertEqual(page["script"] as? Bool, false)
        let wrong = try XCTUnwrap(r["wrong_password"] as? [String: Any])
        XCTAssertEqual(wrong["status"] as? Int, 401)
        XCTAssertEqual(wrong["generic"] as? Bool, true)
        XCTAssertEqual(r["no_csrf_status"] as? Int, 403)
        let plain = try XCTUnwrap(r["plain"] as? [String: Any])
        XCTAssertEqual(plain["status"] as? Int, 302)
        XCTAssertTrue((plain["location"] as? String ?? "").contains("error=invalid_request"))
        XCTAssertEqual(r["evil_redirect_status"] as? Int, 400, "an unregistered redirect is shown, never followed")

        XCTAssertEqual(r["state_echoed"] as? Bool, true)
        let claims = try XCTUnwrap(r["claims"] as? [String: Any])
        XCTAssertEqual(claims["preferred_username"] as? String, "admin")
        XCTAssertEqual(claims["aud"] as? String, "berth-cli")
        XCTAssertEqual(claims["groups"] as? [String], ["berth-admins"])
        XCTAssertNotEqual(claims["sub"] as? String, "admin", "sub is the stable id, not the username")
        XCTAssertEqual((r["userinfo"] as? [String: Any])?["sub"] as? String, claims["sub"] as? String)

        XCTAssertEqual(r["rotated"] as? Bool, true)
        XCTAssertEqual(r["refreshed_claims_sub"] as? String, claims["sub"] as? String)
        XCTAssertEqual((r["refresh_replay"] as? [String: Any])?["status"] as? Int, 400)
        XCTAssertEqual((r["refresh_replay"] as? [String: Any])?["error"] as? String, "invalid_grant")
        XCTAssertEqual(r["family_revoked"] as? String, "invalid_grant")

        let device = try XCTUnwrap(r["device_start"] as? [String: Any])
        XCTAssertEqual(device["verification_uri"] as? String, base + "/device")
        XCTAssertEqual((device["user_code"] as? String)?.count, 9)
        XCTAssertEqual(r["device_pending"] as? String, "authorization_pending")
        XCTAssertEqual(r["device_approved_page"] as? Int, 200)
        XCTAssertEqual((r["device_claims"] as? [String: Any])?["preferred_username"] as? String, "admin")
        XCTAssertEqual(r["device_again"] as? String, "invalid_grant")

        let logout = try XCTUnwrap(r["logout"] as? [String: Any])
        XCTAssertEqual(logout["status"] as? Int, 200)
        XCTAssertEqual(logout["signed_out"] as? Bool, true)
        XCTAssertEqual(r["after_logout_userinfo"] as? Int, 401)
        XCTAssertEqual(r["after_logout_refresh"] as? String, "invalid_grant")
        XCTAssertEqual(r["device_session_userinfo"] as? Int, 200, "the other session is independent")

        XCTAssertEqual(r["code_reuse"] as? String, "invalid_grant")
        XCTAssertEqual(r["code_reuse_revoked"] as? String, "invalid_grant")
        XCTAssertEqual(r["revoke"] as? Int, 200)
        XCTAssertEqual(r["revoke_unknown"] as? Int, 200)
        XCTAssertEqual(r["after_revoke_userinfo"] as? Int, 401)
        XCTAssertEqual(r["unsupported_grant"] as? String, "unsupported_grant_type")

        let authlib = try XCTUnwrap(r["authlib_refuses"] as? [String: String])
        XCTAssertEqual(authlib["tampered"], "BadSignatureError")
        XCTAssertEqual(authlib["wrong_key"], "BadSignatureError")
        XCTAssertEqual(authlib["expired"], "BadSignatureError")
        XCTAssertEqual(authlib["wrong_audience"], "InvalidClaimError")
        XCTAssertEqual(authlib["expired_real"], "ExpiredTokenError")
        XCTAssertNotEqual(authlib["alg_none"], "accepted")
        let berth = try XCTUnwrap(r["berth_refuses"] as? [String: Int])
        XCTAssertEqual(berth, ["tampered": 401, "alg_none": 401, "wrong_key": 401, "expired": 401])
    }

    /// Logins, token issue, refresh, reuse, revocation and logout are in the audit log.
    static func checkAudit(_ env: TestEnvironment) async throws {
        let wanted: [AuditAction] = [
            .loginFailed, .sessionStarted, .tokenIssued, .tokenRefreshed, .tokenReused, .tokenRevoked, .sessionEnded,
        ]
        var seen: Set<String> = []
        let recorded = await eventually {
            let response = try? await UnixRPCClient.call(
                socketPath: env.paths.socketPath(for: .audit), AuditV1.tail, AuditV1.TailRequest(limit: 500))
            seen = Set(response?.records.compactMap(\.event?.action) ?? [])
            return wanted.allSatisfy { seen.contains($0.rawValue) }
        }
        XCTAssertTrue(recorded, "audit actions seen: \(seen.sorted())")
    }
}
