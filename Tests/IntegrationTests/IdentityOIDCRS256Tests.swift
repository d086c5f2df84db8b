import AuditService
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import XCTest

/// A client registered with `idTokenSigningAlg: RS256` gets RS256 ID tokens that a real JOSE library (Debian's
/// python3-authlib, RS256 only) verifies through the gateway's JWKS, which lists the ES256 and the RS256 key;
/// discovery advertises both. The same token with its header switched to ES256 is refused.
final class IdentityOIDCRS256Tests: XCTestCase {
    static let verifier = #"""
        import json, os, sys, urllib.request, base64
        from authlib.jose import JsonWebToken, JsonWebKey
        from authlib.jose.errors import JoseError
        base, token = sys.argv[1], os.environ["BERTH_ID_TOKEN"]
        discovery = json.load(urllib.request.urlopen(base + "/.well-known/openid-configuration"))
        jwks = json.load(urllib.request.urlopen(discovery["jwks_uri"]))
        keys = JsonWebKey.import_key_set(jwks)
        options = {"iss": {"essential": True, "value": discovery["issuer"]},
                   "aud": {"essential": True, "value": "rsa-app"}}
        out = {"algs": discovery["id_token_signing_alg_values_supported"],
               "jwks": [{k: v for k, v in key.items() if k in ("kty", "alg", "kid")} for key in jwks["keys"]]}
        claims = JsonWebToken(["RS256"]).decode(token, keys, claims_options=options)
        claims.validate()
        out["claims"] = dict(claims)
        pad = lambda x: x + "=" * (-len(x) % 4)
        h, p, s = token.split(".")
        out["header"] = json.loads(base64.urlsafe_b64decode(pad(h)))
        swapped = dict(out["header"], alg="ES256")
        forged = base64.urlsafe_b64encode(json.dumps(swapped).encode()).decode().rstrip("=")
        try:
            c = JsonWebToken(["ES256", "RS256"]).decode(forged + "." + p + "." + s, keys, claims_options=options)
            c.validate()
            out["swapped"] = "accepted"
        except Exception as e:  # authlib refuses by failing to load the RSA key as an EC one
            out["swapped"] = type(e).__name__
        print(json.dumps(out))
        """#

    func testAuthlibVerifiesAnRS256IDTokenThroughTheGatewayJWKS() async throws {
        guard FileManager.default.isExecutableFile(atPath: IdentityOIDCTests.python),
            (try? await IdentityOIDCTests.runPython(["-c", "import authlib.jose"], environment: [:])) != nil
        else {
            throw XCTSkip("needs Debian's /usr/bin/python3 with python3-authlib (make test-deps installs it)")
        }
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "oidc-rs256")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try IdentityOIDCTests.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let clientsFile = root.appending("clients.json")
        try #"""
        {"clients": [{"id": "rsa-app", "public": true, "redirectURIs": ["http://127.0.0.1/callback"],
                      "idTokenSigningAlg": "RS256"}]}
        """#.write(toFile: clientsFile, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(port)"
        let env = try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
            $0.identity.clientsFile = clientsFile
            $0.identity.clientIDs = "berth-cli,rsa-app"
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
            try await withRunningService(try IdentityService.build(config: env.config, logger: logger), in: env) {
                try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                    let client = env.client(for: .identity)
                    let login = try await client.unary(
                        IdentityV1.passwordLogin,
                        IdentityV1.PasswordLoginRequest(
                            username: "admin", password: IdentityOIDCTests.password, clientId: "rsa-app"))
                    // Berth itself accepts it (VerifyToken through the RS256 key).
                    let verified = try await client.unary(
                        IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: login.idToken, audience: "rsa-app"))
                    XCTAssertEqual(verified.subject, login.subject)
                    await client.close()

                    let output = try await IdentityOIDCTests.runPython(
                        ["-c", Self.verifier, base], environment: ["BERTH_ID_TOKEN": login.idToken])
                    let result = try XCTUnwrap(
                        try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], output)
                    XCTAssertEqual(result["algs"] as? [String], ["ES256", "RS256"])
                    let jwks = try XCTUnwrap(result["jwks"] as? [[String: String]])
                    XCTAssertEqual(Set(jwks.map { "\($0["kty"] ?? "")/\($0["alg"] ?? "")" }), ["EC/ES256", "RSA/RS256"])
                    let header = try XCTUnwrap(result["header"] as? [String: String])
                    XCTAssertEqual(header["alg"], "RS256")
                    XCTAssertEqual(jwks.first { $0["alg"] == "RS256" }?["kid"], header["kid"])
                    let claims = try XCTUnwrap(result["claims"] as? [String: Any])
                    XCTAssertEqual(claims["sub"] as? String, login.subject)
                    XCTAssertEqual(claims["aud"] as? String, "rsa-app")
                    XCTAssertNotEqual(result["swapped"] as? String, "accepted")
                }
            }
        }
    }
}
