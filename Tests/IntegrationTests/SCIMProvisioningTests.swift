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

/// SCIM 2.0 through the running gateway and identity over real sockets, driven by a Python `requests` client
/// doing what Okta and Azure AD provisioning do; afterwards identity and the audit log are checked from Swift.
final class SCIMProvisioningTests: XCTestCase {
    static let python = "/usr/bin/python3"
    static let password = "integration-admin-password"

    func testAnIdPProvisionsUsersAndGroupsThroughSCIM() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python),
            (try? await IdentityOIDCTests.runPython(["-c", "import requests"], environment: [:])) != nil
        else {
            throw XCTSkip("needs Debian's /usr/bin/python3 with python3-requests (make test-deps installs it)")
        }
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "scim")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(port)"
        let env = try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
            $0.identity.clientIDs = "berth-cli"
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
            try await withRunningService(try IdentityService.build(config: env.config, logger: logger), in: env) {
                try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                    let client = env.client(for: .identity)
                    func key(_ owner: String, _ scope: String) async throws -> String {
                        try await client.unary(
                            IdentityV1.createAccessKey,
                            IdentityV1.CreateAccessKeyRequest(owner: owner, name: "idp", scopes: [scope])
                        ).token
                    }
                    let existing = try await client.unary(
                        IdentityV1.createUser,
                        IdentityV1.CreateUserRequest(username: "existing", password: Self.password))
                    let idToken = try await client.unary(
                        IdentityV1.passwordLogin,
                        IdentityV1.PasswordLoginRequest(username: "existing", password: Self.password, clientId: "berth-cli")
                    ).idToken
                    let scimKey = try await key("admin", "scim")
                    let readOnlyKey = try await key("admin", "read-only")
                    let userKey = try await key("existing", "read-only")
                    let listening = await eventually {
                        (try? await URLSession.shared.data(from: URL(string: base + "/scim/v2/ServiceProviderConfig")!)) != nil
                    }
                    XCTAssertTrue(listening)

                    let output = try await IdentityOIDCTests.runPython(
                        ["-c", SCIMConformanceScript.source, base, scimKey, readOnlyKey, idToken, userKey, existing.id],
                        environment: [:])
                    let summary = try XCTUnwrap(
                        try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String], output)
                    XCTAssertEqual(summary["checks"], "ok")

                    // The deactivated user's ID token no longer verifies either (its sessions ended).
                    let refused = await rpcError {
                        try await client.unary(
                            IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: idToken, audience: "berth-cli"))
                    }
                    XCTAssertEqual(refused?.code, .unauthenticated)

                    // Every SCIM change is in the audit log, as the SCIM key's owner through that key.
                    let expected = [
                        "user.created", "user.updated", "group.created", "group.updated", "user.deactivated",
                        "user.deleted", "group.deleted",
                    ]
                    var actions: [String] = []
                    let recorded = await eventually {
                        let events = (try? await Self.events(env)) ?? []
                        actions = events.filter { $0.actor?.authenticatedBy.hasPrefix("access_key:") ?? false }.map(\.action)
                        return Set(expected).isSubset(of: Set(actions))
                    }
                    XCTAssertTrue(recorded, "\(actions)")
                    await client.close()
                }
            }
        }
    }

    static func events(_ env: TestEnvironment) async throws -> [AuditV1.Event] {
        let response = try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .audit), AuditV1.tail, AuditV1.TailRequest(limit: 500))
        return response.records.reversed().compactMap(\.event)
    }
}

extension SCIMProvisioningTests {
    /// With berth-identity down the gateway answers SCIM calls 503 in the SCIM error schema, never 500, and the
    /// discovery documents (which need no identity) still answer.
    func testSCIMSays503WhileIdentityIsDown() async throws {
        let port = try LoopbackPort.free()
        let env = try TestEnvironment { $0.gateway.listen = "http://127.0.0.1:\(port)" }
        defer { env.remove() }
        try await withRunningService(try GatewayService.build(config: env.config, logger: Logger(label: "test")), in: env) {
            let base = "http://127.0.0.1:\(port)/scim/v2"
            let discovery = try XCTUnwrap(URL(string: base + "/ServiceProviderConfig"))
            let listening = await eventually { (try? await URLSession.shared.data(from: discovery)) != nil }
            XCTAssertTrue(listening)
            var request = URLRequest(url: try XCTUnwrap(URL(string: base + "/Users")))
            request.setValue("Bearer berth_ak_" + String(repeating: "a", count: 32) + "_" + String(repeating: "b", count: 43),
                forHTTPHeaderField: "Authorization")
            let (data, response) = try await URLSession.shared.data(for: request)
            XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 503)
            XCTAssertEqual((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type"), "application/scim+json")
            let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(body["schemas"] as? [String], ["urn:ietf:params:scim:api:messages:2.0:Error"])
            XCTAssertEqual(body["status"] as? String, "503")
            XCTAssertTrue((body["detail"] as? String)?.contains("berth-identity") ?? false, "\(body)")
        }
    }
}
