import BerthCrypto
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import GatewayService
import IdentityService
import Logging
import XCTest

/// The upstream OIDC connector against a second Berth as the upstream IdP: Berth A (identity + gateway) registers
/// B as a confidential client (`berth-b`, secret hashed in A's clients file, redirect = B's /callback); Berth B's
/// `identity.connectors` has one `type: oidc` connector pointing at A's issuer. A python `requests` session plays
/// the browser through B's login page, A's login form and back; B's ID token must name the A user with a stable
/// B `sub` of its own, and B's callback refuses states it did not issue or already used.
final class UpstreamBerthLoginTests: XCTestCase {
    static let adminPassword = "upstream-admin-password"
    static let userPassword = "carol-at-berth-a"
    static let clientSecret = "berth-b-client-secret"

    func testABerthLogsInThroughAnotherBerth() async throws {
        try await Self.withTwoBerths(prefix: "upstream-berth") { a, b, baseA, baseB in
            try await Self.runBrowser(a: a, b: b, baseA: baseA, baseB: baseB)
        }
    }

    /// Berth A (identity + gateway) as the upstream IdP of Berth B (identity + gateway), both on loopback, for
    /// `body(a, b, baseA, baseB)`; skips without Debian's python3-requests, which plays the browser.
    static func withTwoBerths(
        prefix: String,
        _ body: @Sendable (TestEnvironment, TestEnvironment, String, String) async throws -> Void
    ) async throws {
        let python = IdentityOIDCTests.python
        guard FileManager.default.isExecutableFile(atPath: python),
            try await BoundedProcess.run(python, ["-c", "import requests"], timeout: .seconds(30)).status == 0
        else { throw XCTSkip("needs Debian's /usr/bin/python3 with python3-requests (make test-deps)") }
        let root = try TemporaryDirectory(prefix: prefix)
        defer { root.remove() }
        let baseA = "http://127.0.0.1:\(try LoopbackPort.free())"
        let baseB = "http://127.0.0.1:\(try LoopbackPort.free())"
        let a = try upstreamEnvironment(root: root, base: baseA, callback: baseB + "/callback")
        defer { a.remove() }
        let b = try downstreamEnvironment(root: root, base: baseB, upstreamIssuer: baseA)
        defer { b.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try IdentityService.build(config: a.config, logger: logger, audit: .disabled), in: a) {
            try await withRunningService(try GatewayService.build(config: a.config, logger: logger), in: a) {
                try await withRunningService(
                    try IdentityService.build(config: b.config, logger: logger, audit: .disabled), in: b
                ) {
                    try await withRunningService(try GatewayService.build(config: b.config, logger: logger), in: b) {
                        try await body(a, b, baseA, baseB)
                    }
                }
            }
        }
    }

    static func runBrowser(a: TestEnvironment, b: TestEnvironment, baseA: String, baseB: String) async throws {
        let carol = try await a.client(for: .identity).unary(
            IdentityV1.createUser,
            IdentityV1.CreateUserRequest(
                username: "carol", displayName: "Carol at A", email: "carol@a.example", password: userPassword,
                groups: ["a-devs", "a-ops"]))
        for base in [baseA, baseB] {
            let listening = await eventually {
                guard let url = URL(string: base + "/.well-known/openid-configuration") else { return false }
                return (try? await URLSession.shared.data(from: url)) != nil
            }
            XCTAssertTrue(listening, "\(base) answers")
        }
        let run = try await BoundedProcess.run(
            IdentityOIDCTests.python, ["-c", browser, baseB, "carol", userPassword], timeout: .seconds(120))
        XCTAssertFalse(run.timedOut, "the browser script finished")
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout + run.stderr)
        let first = try XCTUnwrap(result["first"] as? [String: Any])
        let second = try XCTUnwrap(result["second"] as? [String: Any])
        for login in [first, second] { checkSteps(login, baseA: baseA, baseB: baseB) }

        // B's ID token names A's user: username, name, email and groups mapped; B's own stable sub.
        let claims = try XCTUnwrap(first["claims"] as? [String: Any])
        XCTAssertEqual(claims["iss"] as? String, baseB)
        XCTAssertEqual(claims["aud"] as? String, "berth-cli")
        XCTAssertEqual(claims["preferred_username"] as? String, "carol")
        XCTAssertEqual(claims["email"] as? String, "carol@a.example")
        XCTAssertEqual(claims["name"] as? String, "Carol at A")
        XCTAssertEqual(Set(claims["groups"] as? [String] ?? []), ["a-devs", "a-ops"])
        let sub = try XCTUnwrap(claims["sub"] as? String)
        XCTAssertFalse(sub.isEmpty)
        XCTAssertNotEqual(sub, carol.id, "B's sub is B's own stable id, not A's")
        XCTAssertNotEqual(sub, "carol")
        XCTAssertEqual((second["claims"] as? [String: Any])?["sub"] as? String, sub, "a second login: the same B sub")

        // B itself accepts the token (signature through B's keys, session alive) and agrees on who it is.
        let verified = try await b.client(for: .identity).unary(
            IdentityV1.verifyToken,
            IdentityV1.VerifyTokenRequest(token: try XCTUnwrap(first["id_token"] as? String), audience: "berth-cli"))
        XCTAssertEqual(verified.username, "carol")
        XCTAssertEqual(verified.subject, sub)
        // The user B mirrored belongs to the connector, not to B's local users.
        let mirrored = try await b.client(for: .identity).unary(
            IdentityV1.getUser, IdentityV1.GetUserRequest(id: sub))
        XCTAssertEqual(mirrored.connectorId, "berth-a")

        let forged = try XCTUnwrap(result["forged_state"] as? [String: Any])
        XCTAssertEqual(forged["status"] as? Int, 403, "a state B never issued is refused")
        XCTAssertEqual(forged["location"] as? String, "", "and nothing is redirected")
    }

    /// One login's path through both Berths.
    static func checkSteps(_ s: [String: Any], baseA: String, baseB: String) {
        XCTAssertEqual(s["b_page"] as? Int, 200)
        XCTAssertEqual(s["b_buttons"] as? [String], ["/login/berth-a"], "B's login page offers A")
        XCTAssertEqual(s["b_button_text"] as? [String], ["Berth A"])
        XCTAssertEqual(s["to_a_status"] as? Int, 302)
        XCTAssertEqual(s["a_authorize"] as? String, baseA + "/authorize")
        let query = s["a_query"] as? [String: String] ?? [:]
        XCTAssertEqual(query["client_id"], "berth-b")
        XCTAssertEqual(query["redirect_uri"], baseB + "/callback")
        XCTAssertEqual(query["code_challenge_method"], "S256")
        XCTAssertEqual(s["a_page"] as? Int, 200)
        XCTAssertEqual(s["a_has_csrf"] as? Bool, true)
        XCTAssertEqual(s["a_login_status"] as? Int, 302, "A accepts carol's password")
        XCTAssertEqual(s["callback"] as? String, baseB + "/callback")
        XCTAssertEqual(s["callback_status"] as? Int, 302, "B finishes the upstream login")
        XCTAssertEqual(s["final"] as? String, "http://127.0.0.1:43210/callback")
        XCTAssertEqual(s["state_echoed"] as? Bool, true)
        XCTAssertEqual(s["token_status"] as? Int, 200)
        XCTAssertEqual(s["nonce_echoed"] as? Bool, true)
        XCTAssertEqual(s["callback_replay"] as? Int, 403, "B's upstream state is single use")
    }

    /// Berth A: its local admin, and `berth-b` registered as a confidential client with a hashed secret.
    static func upstreamEnvironment(root: TemporaryDirectory, base: String, callback: String) throws -> TestEnvironment {
        let passwordFile = root.appending("a-admin-password")
        try adminPassword.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        // A cheap scrypt cost: the hash is parsed with its parameters, and this is a test secret.
        let hash = try PasswordHash.make(password: clientSecret, parameters: .init(logN: 10, r: 8, p: 1, keyLength: 32))
        let clientsFile = root.appending("a-clients.json")
        try """
        {"clients": [{"id": "berth-b", "secretHash": "\(hash.encoded)", "redirectURIs": ["\(callback)"],
                      "grants": ["authorization_code"]}]}
        """.write(toFile: clientsFile, atomically: true, encoding: .utf8)
        return try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
            $0.identity.clientsFile = clientsFile
        }
    }

    /// Berth B: one upstream OIDC connector (A), configured through the config loader as an operator writes it.
    static func downstreamEnvironment(root: TemporaryDirectory, base: String, upstreamIssuer: String) throws
        -> TestEnvironment
    {
        let passwordFile = root.appending("b-admin-password")
        try adminPassword.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let secretFile = root.appending("b-upstream-secret")
        try "\(clientSecret)\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
        let yaml = """
            identity:
              clients: berth-cli
              connectors:
                - id: berth-a
                  type: oidc
                  displayName: Berth A
                  issuer: \(upstreamIssuer)
                  clientID: berth-b
                  clientSecretFile: \(secretFile)
                  scopes: [openid, profile, email, groups]
                  allowedAlgorithms: [ES256]
            """
        let loaded = try ConfigLoader(executableDirectory: "/opt/berth").load(yaml: yaml, source: "b.yaml")
        return try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
            $0.identity.connectors = loaded.identity.connectors
        }
    }
}
