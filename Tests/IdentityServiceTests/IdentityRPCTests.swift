import BerthCrypto
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import IdentityService
import Logging
import XCTest

/// The identity RPCs over a real socket and a real identity.db: PasswordLogin → VerifyToken, JWKS, discovery,
/// and the errors a caller sees.
final class IdentityRPCTests: XCTestCase {
    static let password = "operator-chosen-password"

    func withIdentity(
        clock: TestClock = TestClock(1_800_000_000), audit: ServiceAudit = .disabled,
        configure: (inout BerthConfig) -> Void = { _ in },
        _ body: @Sendable (TestEnvironment) async throws -> Void
    ) async throws {
        let root = try TemporaryDirectory(prefix: "idrpc")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try "\(Self.password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let env = try TestEnvironment {
            $0.admin.bootstrapPasswordFile = passwordFile
            $0.gateway.publicURL = "https://berth.test:7443"
            $0.identity.clientIDs = "berth-cli, kubernetes"
            configure(&$0)
        }
        defer { env.remove() }
        let host = try IdentityService.build(
            config: env.config, logger: Logger(label: "test.identity"), now: clock.function, audit: audit)
        try await withRunningService(host, in: env) { try await body(env) }
    }

    func testPasswordLoginMintsATokenThatVerifies() async throws {
        try await withIdentity { env in
            let client = env.client(for: .identity)
            let login = try await client.unary(
                IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(username: "admin", password: Self.password, clientId: "kubernetes", nonce: "n-42"))
            XCTAssertFalse(login.sessionId.isEmpty)
            XCTAssertEqual(login.expiresAtUnix, 1_800_000_000 + 3600)

            let verified = try await client.unary(
                IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: login.idToken, audience: "kubernetes"))
            XCTAssertEqual(verified.subject, login.subject)
            XCTAssertEqual(verified.username, "admin")
            XCTAssertEqual(verified.groups, ["berth-admins"])
            XCTAssertEqual(verified.sessionId, login.sessionId)
            XCTAssertEqual(verified.authTimeUnix, 1_800_000_000)

            // The raw claims carry what the issue lists.
            let payload = try XCTUnwrap(Base64URL.decode(String(login.idToken.split(separator: ".")[1])))
            let claims = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
            XCTAssertEqual(claims["iss"] as? String, "https://berth.test:7443")
            XCTAssertEqual(claims["aud"] as? String, "kubernetes")
            XCTAssertEqual(claims["nonce"] as? String, "n-42")
            XCTAssertEqual(claims["groups"] as? [String], ["berth-admins"])
            for claim in ["sub", "exp", "iat", "auth_time", "email", "name"] { XCTAssertNotNil(claims[claim], claim) }

            let wrongAudience = await rpcError {
                try await client.unary(IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: login.idToken, audience: "berth-cli"))
            }
            XCTAssertEqual(wrongAudience?.code, .unauthenticated)
            XCTAssertTrue(wrongAudience?.message.contains("audience") ?? false, wrongAudience?.message ?? "")
            await client.close()
        }
    }

    func testJWKSAndDiscoveryDescribeTheIssuer() async throws {
        try await withIdentity { env in
            let client = env.client(for: .identity)
            let discovery = try await client.unary(IdentityV1.getDiscovery, IdentityV1.GetDiscoveryRequest())
            XCTAssertEqual(discovery.issuer, "https://berth.test:7443")
            XCTAssertEqual(discovery.jwksUri, "https://berth.test:7443/openid/v1/jwks")
            XCTAssertEqual(discovery.idTokenSigningAlgValuesSupported, ["ES256", "RS256"])
            let jwks = try await client.unary(IdentityV1.getJWKS, IdentityV1.GetJWKSRequest())
            XCTAssertEqual(jwks.keys.map(\.alg).sorted(), ["ES256", "RS256"], "one current key per algorithm")
            let ec = try XCTUnwrap(jwks.keys.first { $0.alg == "ES256" })
            XCTAssertEqual([ec.kty, ec.crv, ec.n], ["EC", "P-256", ""])
            let rsa = try XCTUnwrap(jwks.keys.first { $0.alg == "RS256" })
            XCTAssertEqual([rsa.kty, rsa.e, rsa.crv], ["RSA", "AQAB", ""])
            XCTAssertEqual(try RSAPublicKey(modulus: rsa.n, exponent: rsa.e).jwkThumbprint(), rsa.kid)
            let login = try await client.unary(
                IdentityV1.passwordLogin, IdentityV1.PasswordLoginRequest(username: "admin", password: Self.password, clientId: "berth-cli"))
            let header = try XCTUnwrap(Base64URL.decode(String(login.idToken.split(separator: ".")[0])))
            let kid = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(header)) as? [String: String])["kid"]
            XCTAssertEqual(kid, ec.kid, "berth-cli gets ES256, the default")
            await client.close()
        }
    }

    func testLoginErrorsSayWhatToDoWithoutSayingWhichPartWasWrong() async throws {
        try await withIdentity(configure: { $0.identity.lockoutMaxFailures = 2 }) { env in
            let client = env.client(for: .identity)
            func login(_ user: String, _ password: String, client clientID: String = "berth-cli", connector: String = "")
                async -> RPCClientError?
            {
                await rpcError {
                    try await client.unary(
                        IdentityV1.passwordLogin,
                        IdentityV1.PasswordLoginRequest(connectorId: connector, username: user, password: password, clientId: clientID))
                }
            }
            let wrongPassword = await login("admin", "nope")
            let unknownUser = await login("nobody", Self.password)
            XCTAssertEqual(wrongPassword?.code, .unauthenticated)
            XCTAssertEqual(wrongPassword, unknownUser)
            let unknownClient = await login("admin", Self.password, client: "evil")
            XCTAssertEqual(unknownClient?.code, .notFound)
            XCTAssertTrue(unknownClient?.message.contains("identity.clients") ?? false)
            let unknownConnector = await login("admin", Self.password, connector: "ldap")
            XCTAssertEqual(unknownConnector?.code, .notFound)
            XCTAssertTrue(unknownConnector?.message.contains("local") ?? false)
            // Second failure locks (maxFailures 2): the right password is refused with the same answer.
            let locked = await login("admin", "nope-again")
            XCTAssertEqual(locked, wrongPassword)
            let lockedRight = await login("admin", Self.password)
            XCTAssertEqual(lockedRight, wrongPassword)
            let badToken = await rpcError {
                try await client.unary(IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: "a.b.c", audience: "berth-cli"))
            }
            XCTAssertEqual(badToken?.code, .unauthenticated)
            await client.close()
        }
    }

    /// `audit.whenUnreachable: refuse` and no berth-audit: a correct password is still refused (unavailable, saying
    /// why), because a login that cannot be audited must not happen.
    func testALoginThatCannotBeAuditedIsRefusedWhenPolicySaysRefuse() async throws {
        try await withIdentity(
            audit: .automatic,
            configure: {
                $0.audit.whenUnreachable = .refuse
                $0.audit.clientTimeout = ConfigDuration(.milliseconds(200))
            }
        ) { env in
            let client = env.client(for: .identity)
            let refused = await rpcError {
                try await client.unary(
                    IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(username: "admin", password: Self.password, clientId: "berth-cli"))
            }
            XCTAssertEqual(refused?.code, .unavailable)
            XCTAssertTrue(refused?.message.contains("audit") ?? false, refused?.message ?? "")
            await client.close()
        }
    }
}
