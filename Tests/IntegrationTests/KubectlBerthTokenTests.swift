import BerthCrypto
import BerthRuntime
import BerthTesting
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import GatewayService
import IdentityService
import Logging
import Synchronization
import XCTest

/// The real `kubectl` with `berth token` as its exec plugin (the kubeconfig written by `berth kubeconfig`) against
/// a test API endpoint that, like a kube-apiserver started with `--oidc-issuer-url`, accepts only Berth ID tokens
/// that verify against the JWKS fetched from the gateway (issuer, audience `berth-cli`, expiry). Without a login
/// kubectl fails before sending anything; with one, `get namespaces` succeeds as the logged-in user; a token that
/// does not verify gets 401 and kubectl says Unauthorized.
final class KubectlBerthTokenTests: XCTestCase {
    static let kubectl = "/usr/bin/kubectl"
    static let password = "kubectl-admin-password"

    func testKubectlUsesBerthTokenAgainstAnAPIThatChecksBerthsJWKS() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.kubectl) else {
            throw XCTSkip("\(Self.kubectl) is missing: apt-get install kubernetes-client (make test-deps)")
        }
        let berth = IdentityCLILoginTests.berth
        guard FileManager.default.isExecutableFile(atPath: berth) else {
            throw XCTSkip("\(berth) is not built: run `swift build` first (make test does)")
        }
        let root = try TemporaryDirectory(prefix: "kubectl-berth")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(try LoopbackPort.free())"
        let env = try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try IdentityService.build(config: env.config, logger: logger, audit: .disabled), in: env) {
            try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                let verifier = try await BerthJWKSVerifier.fetch(issuer: base)
                let options = FakeKubernetesAPI.Options(
                    authenticate: { token in verifier.authenticate(token) }, tls: try Self.certificate(in: root))
                try await FakeKubernetesAPI.withRunning(options: options) { fake in
                    try await Self.scenario(berth: berth, env: env, base: base, root: root, fake: fake, verifier: verifier)
                }
            }
        }
    }

    /// A self-signed certificate for 127.0.0.1 (kubectl runs exec plugins only for https servers).
    static func certificate(in root: TemporaryDirectory) throws -> (certFile: String, keyFile: String) {
        let key = try ECPrivateKey.generate()
        let certificate = try X509Certificate.selfSigned(
            key: key, commonName: "127.0.0.1", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], notBefore: Date(),
            validity: .seconds(86_400))
        let files = (certFile: root.appending("tls.crt"), keyFile: root.appending("tls.key"))
        try certificate.pem.write(toFile: files.certFile, atomically: true, encoding: .utf8)
        try key.pemRepresentation().write(toFile: files.keyFile, atomically: true, encoding: .utf8)
        return files
    }

    static func scenario(
        berth: String, env: TestEnvironment, base: String, root: TemporaryDirectory, fake: FakeKubernetesAPI,
        verifier: BerthJWKSVerifier
    ) async throws {
        let environment = ["XDG_CONFIG_HOME": root.appending("config"), "HOME": root.path]
        let kubeconfig = root.appending("kube/config")
        let written = try await BoundedProcess.run(
            berth,
            [
                "kubeconfig", "--server", base, "--kubeconfig", kubeconfig, "--cluster", "test",
                "--cluster-server", fake.serverURL.absoluteString, "--certificate-authority", root.appending("tls.crt"),
            ], environment: environment, timeout: .seconds(30))
        XCTAssertEqual(written.status, 0, written.stderr)
        func kubectl(_ arguments: [String]) async throws -> BoundedProcess.Outcome {
            let run = try await BoundedProcess.run(
                Self.kubectl,
                ["--kubeconfig", kubeconfig, "--context", "test-berth", "--cache-dir", root.appending("kube/cache"),
                 "--request-timeout", "20s"] + arguments,
                environment: environment, timeout: .seconds(60))
            XCTAssertFalse(run.timedOut, "kubectl \(arguments) finished")
            return run
        }

        // No login: `berth token` exits 2 with the reason, kubectl fails without sending a request.
        let none = try await kubectl(["get", "namespaces"])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("berth login"), none.stderr)
        XCTAssertEqual(verifier.refusedCount() + verifier.acceptedUsers().count, 0, "no request reached the API")

        // A login (scripted on the host): kubectl gets the ID token from `berth token`, the API verifies it.
        let login = try await BoundedProcess.run(
            berth,
            [
                "login", "--server", base, "--username", "admin", "--password-file", root.appending("admin-password"),
                "--runtime-dir", env.config.paths.runtimeDir, "--state-dir", env.config.paths.stateDir,
            ], environment: environment, timeout: .seconds(30))
        XCTAssertEqual(login.status, 0, login.stderr)
        let manifest = root.appending("namespace.yaml")
        try "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-blue\n"
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let created = try await kubectl(["create", "-f", manifest])
        XCTAssertEqual(created.status, 0, created.stderr)
        let listed = try await kubectl(["get", "namespaces"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("team-blue"), listed.stdout)
        XCTAssertEqual(Set(verifier.acceptedUsers()), ["admin"], "every accepted request carried admin's token")
        XCTAssertEqual(verifier.refusedCount(), 0, "\(Set(verifier.refusals()))")

        // A token that does not verify (its signature changed): the API answers 401, kubectl says Unauthorized.
        let cache = root.appending("config/berth/tokens.json")
        try OAuthCLITests.rewrite(cache, base) { entry in
            let token = entry["idToken"] as? String ?? ""
            entry["idToken"] = String(token.dropLast(4)) + (token.hasSuffix("AAAA") ? "BBBB" : "AAAA")
        }
        await fake.clearRequests()
        let tampered = try await kubectl(["get", "namespaces"])
        XCTAssertNotEqual(tampered.status, 0)
        XCTAssertTrue(tampered.stderr.contains("Unauthorized"), tampered.stderr)
        XCTAssertGreaterThan(verifier.refusedCount(), 0)
        let reached = await fake.requestCount()
        XCTAssertEqual(reached, 0, "nothing reached the API's handlers")
    }
}

/// The test API's authenticator: Berth ID tokens verified against the JWKS the gateway serves, as kube-apiserver's
/// OIDC authenticator does (issuer = the gateway's public URL, audience `berth-cli`, ES256, expiry with 60 s skew).
final class BerthJWKSVerifier: Sendable {
    struct Claims: Decodable {
        let preferred_username: String
    }

    let issuer: String
    let keys: [String: ECPublicKey]
    private let seen = Mutex<(accepted: [String], refused: [String])>(([], []))

    init(issuer: String, keys: [String: ECPublicKey]) {
        self.issuer = issuer
        self.keys = keys
    }

    /// Reads the discovery document and the JWKS it names.
    static func fetch(issuer: String) async throws -> BerthJWKSVerifier {
        struct Discovery: Decodable { let jwks_uri: String }
        let discoveryURL = try XCTUnwrap(URL(string: issuer + "/.well-known/openid-configuration"))
        let discovery = try JSONDecoder().decode(Discovery.self, from: try await URLSession.shared.data(from: discoveryURL).0)
        let jwksURL = try XCTUnwrap(URL(string: discovery.jwks_uri))
        let set = try JSONDecoder().decode(JWKSet.self, from: try await URLSession.shared.data(from: jwksURL).0)
        var keys: [String: ECPublicKey] = [:]
        // The ES256 keys (the berth-cli client's algorithm); RSA keys are listed beside them.
        for jwk in set.keys where jwk.kty == "EC" {
            keys[jwk.kid] = try ECPublicKey(jwkX: try XCTUnwrap(jwk.x), y: try XCTUnwrap(jwk.y))
        }
        XCTAssertFalse(keys.isEmpty, "the gateway publishes signing keys")
        return BerthJWKSVerifier(issuer: issuer, keys: keys)
    }

    func authenticate(_ token: String?) -> Bool {
        let policy = JWTVerificationPolicy(
            issuer: issuer, audience: "berth-cli", now: Int64(Date().timeIntervalSince1970))
        do {
            guard let token else { throw TestFixtureError("no bearer token") }
            let claims = try JWT.verify(token, as: Claims.self, policy: policy, keys: { keys[$0] })
            seen.withLock { $0.accepted.append(claims.preferred_username) }
            return true
        } catch {
            seen.withLock { $0.refused.append("\(error)") }
            return false
        }
    }

    func acceptedUsers() -> [String] { seen.withLock { $0.accepted } }
    func refusedCount() -> Int { seen.withLock { $0.refused.count } }
    /// Why each refused request was refused (for failure messages).
    func refusals() -> [String] { seen.withLock { $0.refused } }
}
