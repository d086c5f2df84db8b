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

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Berth as an OIDC issuer, checked by a real JOSE/OIDC library (Debian's python3-authlib): it fetches discovery
/// and the JWKS from the running gateway and verifies an ID token PasswordLogin minted; tampered, wrong-audience,
/// expired and `alg: none` tokens are refused. And every login lands in the audit log.
final class IdentityOIDCTests: XCTestCase {
    static let python = "/usr/bin/python3"
    static let password = "integration-admin-password"

    /// Reads discovery + JWKS over HTTP, verifies the token with authlib (ES256 only), then tries the bad ones.
    static let verifier = #"""
        import json, os, sys, time, urllib.request, base64
        from authlib.jose import JsonWebToken, JsonWebKey
        from authlib.jose.errors import JoseError
        base, token, nonce = sys.argv[1], os.environ["BERTH_ID_TOKEN"], sys.argv[2]
        discovery = json.load(urllib.request.urlopen(base + "/.well-known/openid-configuration"))
        jwks = json.load(urllib.request.urlopen(discovery["jwks_uri"]))
        keys = JsonWebKey.import_key_set(jwks)
        jwt = JsonWebToken(["ES256"])
        options = {"iss": {"essential": True, "value": discovery["issuer"]},
                   "aud": {"essential": True, "value": "berth-cli"},
                   "nonce": {"essential": True, "value": nonce}}
        out = {"issuer": discovery["issuer"], "kids": [k["kid"] for k in jwks["keys"]]}
        claims = jwt.decode(token, keys, claims_options=options)
        claims.validate()
        out["claims"] = dict(claims)
        def refused(tok, opts=options, now=None):
            try:
                c = jwt.decode(tok, keys, claims_options=opts)
                c.validate(now=now)
                return "accepted"
            except (JoseError, ValueError) as e:
                return type(e).__name__
        h, p, s = token.split(".")
        pad = lambda x: x + "=" * (-len(x) % 4)
        payload = json.loads(base64.urlsafe_b64decode(pad(p)))
        payload["groups"] = ["cluster-admins"]
        forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        out["tampered"] = refused(h + "." + forged + "." + s)
        none_header = base64.urlsafe_b64encode(b'{"alg":"none","kid":"' + json.loads(base64.urlsafe_b64decode(pad(h)))["kid"].encode() + b'"}').decode().rstrip("=")
        out["alg_none"] = refused(none_header + "." + p + ".")
        out["wrong_audience"] = refused(token, dict(options, aud={"essential": True, "value": "kubernetes"}))
        out["expired"] = refused(token, now=claims["exp"] + 3600)
        print(json.dumps(out))
        """#

    func testAnOIDCLibraryVerifiesBerthsIDTokensThroughTheGateway() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python),
            (try? await Self.runPython(["-c", "import authlib.jose"], environment: [:])) != nil
        else {
            throw XCTSkip("needs Debian's /usr/bin/python3 with python3-authlib (make test-deps installs it)")
        }
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "oidc")
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
                    let client = env.client(for: .identity)
                    let denied = await rpcError {
                        try await client.unary(
                            IdentityV1.passwordLogin,
                            IdentityV1.PasswordLoginRequest(username: "admin", password: "guess", clientId: "berth-cli"))
                    }
                    XCTAssertEqual(denied?.code, .unauthenticated)
                    let login = try await client.unary(
                        IdentityV1.passwordLogin,
                        IdentityV1.PasswordLoginRequest(
                            username: "admin", password: Self.password, clientId: "berth-cli", nonce: "nonce-7"))

                    let output = try await Self.runPython(
                        ["-c", Self.verifier, base, "nonce-7"], environment: ["BERTH_ID_TOKEN": login.idToken])
                    let result = try XCTUnwrap(
                        try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], output)
                    XCTAssertEqual(result["issuer"] as? String, base)
                    let claims = try XCTUnwrap(result["claims"] as? [String: Any])
                    XCTAssertEqual(claims["sub"] as? String, login.subject)
                    XCTAssertEqual(claims["groups"] as? [String], ["berth-admins"])
                    XCTAssertEqual(claims["preferred_username"] as? String, "admin")
                    XCTAssertEqual(result["tampered"] as? String, "BadSignatureError")
                    XCTAssertNotEqual(result["alg_none"] as? String, "accepted")
                    XCTAssertEqual(result["wrong_audience"] as? String, "InvalidClaimError")
                    XCTAssertEqual(result["expired"] as? String, "ExpiredTokenError")

                    // Both attempts are in the audit log as session.started, denied then allowed.
                    let recorded = await eventually {
                        let events = (try? await Self.sessionEvents(env)) ?? []
                        return events.count == 2
                    }
                    XCTAssertTrue(recorded)
                    let events = try await Self.sessionEvents(env)
                    XCTAssertEqual(events.map(\.outcome), [.denied, .allowed])
                    XCTAssertEqual(events.first?.actor?.username, "admin")
                    XCTAssertTrue(events.first?.reason.contains("wrong password") ?? false)
                    XCTAssertEqual(events.last?.actor?.subject, login.subject)
                    XCTAssertEqual(events.last?.target?.name, login.sessionId)
                    await client.close()
                }
            }
        }
    }

    /// Without identity the gateway answers the OIDC documents 503 with a JSON error naming identity, never 500.
    func testTheOIDCDocumentsSay503WhileIdentityIsDown() async throws {
        let port = try LoopbackPort.free()
        let env = try TestEnvironment { $0.gateway.listen = "http://127.0.0.1:\(port)" }
        defer { env.remove() }
        try await withRunningService(
            try GatewayService.build(config: env.config, logger: Logger(label: "test")), in: env
        ) {
            for path in ["/.well-known/openid-configuration", "/openid/v1/jwks"] {
                let url = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)\(path)"))
                var answer: (Int, String)?
                let listening = await eventually {
                    guard let (data, response) = try? await URLSession.shared.data(from: url) else { return false }
                    answer = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
                    return true
                }
                XCTAssertTrue(listening)
                XCTAssertEqual(answer?.0, 503, path)
                XCTAssertTrue(answer?.1.contains("berth-identity") ?? false, answer?.1 ?? "")
                XCTAssertTrue(answer?.1.contains("temporarily_unavailable") ?? false, answer?.1 ?? "")
            }
        }
    }

    static func sessionEvents(_ env: TestEnvironment) async throws -> [AuditV1.Event] {
        let response = try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .audit), AuditV1.tail, AuditV1.TailRequest(limit: 100))
        return response.records.reversed().compactMap(\.event).filter { $0.action == AuditAction.sessionStarted.rawValue }
    }

    /// Runs python to completion; throws with its stderr when it fails.
    static func runPython(_ arguments: [String], environment: [String: String]) async throws -> String {
        let outcome = try await IdentityTestProcess.run(python, arguments, environment: environment)
        guard outcome.status == 0 else { throw TestFixtureError("python failed: \(outcome.stderr)") }
        return outcome.stdout
    }
}
