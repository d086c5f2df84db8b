import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
@testable import IdentityService
import Logging
import XCTest

/// The LDAP connector wired into berth-identity from `identity.connectors`: PasswordLogin through it over the
/// socket (token with the directory's groups), and DiagnoseLDAP (`berth admin ldap test`).
final class LDAPRPCTests: XCTestCase {
    func withIdentity(_ body: @Sendable (TestEnvironment, SlapdServer) async throws -> Void) async throws {
        let fixture = try LDAPFixture()
        defer { fixture.remove() }
        let bindPasswordFile = fixture.directory.appending("bind-password")
        try "\(fixture.slapd.rootPassword)\n".write(toFile: bindPasswordFile, atomically: true, encoding: .utf8)
        // Through the config loader, as an operator writes it.
        let yaml = """
            identity:
              clients: berth-cli
              connectors:
                - id: corp
                  type: ldap
                  url: \(fixture.slapd.url)
                  insecureNoTLS: true
                  bindDN: \(fixture.slapd.rootDN)
                  bindPasswordFile: \(bindPasswordFile)
                  userSearch:
                    baseDN: \(SlapdDirectory.people)
                  groupSearch:
                    - baseDN: \(SlapdDirectory.groups)
                    - baseDN: \(SlapdDirectory.groups)
                      filter: (objectClass=posixGroup)
                      memberAttribute: memberUid
                      userAttribute: uid
            """
        let loaded = try ConfigLoader(executableDirectory: "/opt/berth").load(yaml: yaml, source: "test.yaml")
        XCTAssertTrue(loaded.identity.connectors.contains("corp"))
        let env = try TestEnvironment {
            $0.identity.connectors = loaded.identity.connectors
            $0.gateway.publicURL = "https://berth.test:7443"
        }
        defer { env.remove() }
        let host = try IdentityService.build(
            config: env.config, logger: Logger(label: "test.identity"), now: { 1_800_000_000 }, audit: .disabled)
        try await withRunningService(host, in: env) { try await body(env, fixture.slapd) }
    }

    func testPasswordLoginThroughTheConfiguredLDAPConnector() async throws {
        try await withIdentity { env, _ in
            let client = env.client(for: .identity)
            let login = try await client.unary(
                IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(connectorId: "corp", username: "alice", password: "alice-pw", clientId: "berth-cli"))
            let verified = try await client.unary(
                IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: login.idToken, audience: "berth-cli"))
            XCTAssertEqual(verified.username, "alice")
            XCTAssertEqual(verified.groups, ["developers", "engineering", "everyone", "loop-a", "loop-b", "ops"])
            XCTAssertEqual(verified.subject, login.subject)

            let wrong = await rpcError {
                try await client.unary(
                    IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(connectorId: "corp", username: "alice", password: "x", clientId: "berth-cli"))
            }
            XCTAssertEqual(wrong?.code, .unauthenticated)
            // The local connector is still there, and an unknown id is named.
            let unknown = await rpcError {
                try await client.unary(
                    IdentityV1.passwordLogin,
                    IdentityV1.PasswordLoginRequest(connectorId: "nope", username: "alice", password: "x", clientId: "berth-cli"))
            }
            XCTAssertEqual(unknown?.code, .notFound)
            XCTAssertTrue(unknown?.message.contains("corp, local") ?? false, unknown?.message ?? "")
            await client.close()
        }
    }

    func testDiagnoseShowsTheDNTheFilterAndEachGroupsPath() async throws {
        try await withIdentity { env, slapd in
            let client = env.client(for: .identity)
            let report = try await client.unary(
                IdentityV1.diagnoseLDAP, IdentityV1.DiagnoseLDAPRequest(username: "alice", password: "alice-pw"))
            XCTAssertEqual(report.connectorId, "corp")
            XCTAssertEqual(report.userDn, "uid=alice,ou=people,dc=example,dc=com")
            XCTAssertEqual(report.userFilter, "(&(objectClass=person)(uid=alice))")
            XCTAssertTrue(report.passwordChecked)
            XCTAssertEqual(report.failure, "")
            XCTAssertFalse(report.stableId.hasPrefix("dn:"), "slapd gives entryUUID")
            let everyone = report.groups.first { $0.name == "everyone" }
            XCTAssertEqual(everyone?.path, ["developers", "engineering", "everyone"])
            XCTAssertTrue(report.groupFilters.contains("(&(objectClass=posixGroup)(memberUid=alice))"))

            let wrong = try await client.unary(
                IdentityV1.diagnoseLDAP, IdentityV1.DiagnoseLDAPRequest(connectorId: "corp", username: "alice", password: "bad"))
            XCTAssertTrue(wrong.failure.contains("refused the password"), wrong.failure)

            let missing = try await client.unary(
                IdentityV1.diagnoseLDAP, IdentityV1.DiagnoseLDAPRequest(username: "mallory"))
            XCTAssertEqual(missing.userDn, "")
            XCTAssertTrue(missing.failure.contains("no entry matches"), missing.failure)

            slapd.stop()
            let down = try await client.unary(IdentityV1.diagnoseLDAP, IdentityV1.DiagnoseLDAPRequest(username: "alice"))
            XCTAssertTrue(down.failure.contains("cannot be reached"), down.failure)

            let notLDAP = await rpcError {
                try await client.unary(IdentityV1.diagnoseLDAP, IdentityV1.DiagnoseLDAPRequest(connectorId: "local", username: "a"))
            }
            XCTAssertEqual(notLDAP?.code, .notFound)
            await client.close()
        }
    }
}
