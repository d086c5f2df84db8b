import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
@testable import GatewayService
import XCTest

/// `berth --server URL …` (the built CLI) through the gateway's RPC relay, against the whole stack in-process:
/// the same commands as on the host, acting as the token's person, with the services' own messages and the exit
/// codes scripts rely on; and what the relay refuses.
final class CLIRemoteTests: XCTestCase {
    func testCommandsRunThroughTheGatewayAsTheTokensPerson() async throws {
        guard FileManager.default.isExecutableFile(atPath: IdentityCLILoginTests.berth) else {
            throw XCTSkip("\(IdentityCLILoginTests.berth) is not built: run `swift build` first (make test does)")
        }
        try await GatewayAPIHarness.run { gateway in
            let root = try TemporaryDirectory(prefix: "cli-remote")
            defer { root.remove() }
            let server = "http://127.0.0.1:\(gateway.port)"
            // No runtime dir flags: the CLI must not find sockets; everything goes through --server.
            func berth(_ arguments: [String], token: String?) async throws -> IdentityTestProcess.Outcome {
                var environment = ["XDG_CONFIG_HOME": root.appending("config"), "BERTH_RUNTIME_DIR": root.appending("no-sockets")]
                if let token { environment["BERTH_TOKEN"] = token }
                return try await IdentityCLILoginTests.run(arguments + ["--server", server], environment)
            }
            let admin = try await gateway.adminToken()

            // 1. An admin creates a person and a team from afar.
            let passwordFile = root.appending("dev-password")
            try "dev-password-1\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
            let user = try await berth(["user", "create", "dev", "--password-file", passwordFile], token: admin)
            XCTAssertEqual(user.status, 0, user.stderr)
            let team = try await berth(["team", "create", "alpha", "--member", "dev"], token: admin)
            XCTAssertEqual(team.status, 0, team.stderr)

            // 2. The person works in their team; the space is theirs, not the gateway's.
            let dev = try await UnixRPCClient.call(
                socketPath: gateway.env.paths.socketPath(for: .identity), IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(username: "dev", password: "dev-password-1", clientId: "berth-cli")
            ).idToken
            let whoami = try await berth(["whoami", "-o", "json"], token: dev)
            XCTAssertEqual(whoami.status, 0, whoami.stderr)
            let me = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(whoami.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(me["username"] as? String, "dev", "the token's person, not the gateway's uid: \(whoami.stdout)")
            let created = try await berth(["space", "create", "alpha-one", "--team", "alpha"], token: dev)
            XCTAssertEqual(created.status, 0, created.stderr)
            let listed = try await berth(["space", "list", "-o", "json"], token: dev)
            XCTAssertEqual(listed.status, 0, listed.stderr)
            let spaces = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(spaces.map { $0["name"] as? String }, ["alpha-one"])
            XCTAssertEqual(spaces.first?["owner"] as? String, "dev")

            // 2b. An admin caps the team at its one space; the next one is refused with exit code 7.
            let capped = try await berth(["team", "quota", "alpha", "--max-spaces", "1", "-o", "json"], token: admin)
            XCTAssertEqual(capped.status, 0, capped.stderr)
            let quota = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(capped.stdout.utf8)) as? [String: Any])
            XCTAssertEqual((quota["usage"] as? [String: Any])?["spaces"] as? Int, 1, capped.stdout)
            XCTAssertEqual((quota["quota"] as? [String: Any])?["maxSpaces"] as? Int, 1, capped.stdout)
            let second = try await berth(["space", "create", "alpha-two", "--team", "alpha"], token: dev)
            XCTAssertEqual(second.status, 7, second.stderr)

            // 3. What the person may not do fails with tenancy's message and exit code 4; a missing space is 3.
            let refused = try await berth(["team", "create", "beta"], token: dev)
            XCTAssertEqual(refused.status, 4, refused.stderr)
            XCTAssertTrue(refused.stderr.contains("admin"), refused.stderr)
            let missing = try await berth(["space", "show", "nope"], token: dev)
            XCTAssertEqual(missing.status, 3, missing.stderr)

            // 4. No token and no login: exit 2 and how to log in; a forged token: 2 as well.
            let anonymous = try await berth(["space", "list"], token: nil)
            XCTAssertEqual(anonymous.status, 2, anonymous.stderr)
            XCTAssertTrue(anonymous.stderr.contains("berth login --server \(server)"), anonymous.stderr)
            let forged = try await berth(["space", "list"], token: String(dev.dropLast(4)) + "AAAA")
            XCTAssertEqual(forged.status, 2, forged.stderr)

            // 5. Host-only commands say so instead of trying.
            let backup = try await berth(["admin", "backup", root.appending("backup")], token: admin)
            XCTAssertNotEqual(backup.status, 0)
            XCTAssertTrue(backup.stderr.contains("Berth host only"), backup.stderr)
        }
    }

    func testTheRelayPassesOnlyListedMethodsWithAValidToken() async throws {
        try await GatewayAPIHarness.run { gateway in
            let admin = try await gateway.adminToken()
            let protobuf = ["Content-Type": "application/x-protobuf"]
            // A method only services call is not relayed, even for an admin.
            let append = try await gateway.send("POST", "/rpc/berth.audit.v1.Audit/Append", token: admin, body: Data(), headers: protobuf)
            XCTAssertEqual(append.status, 404, append.text)
            let verify = try await gateway.send(
                "POST", "/rpc/berth.identity.v1.Identity/VerifyToken", token: admin, body: Data(), headers: protobuf)
            XCTAssertEqual(verify.status, 404, verify.text)
            // Without a token nothing reaches a service (the gateway's own Unix identity never stands in).
            let anonymous = try await gateway.send(
                "POST", "/rpc/berth.tenancy.v1.Tenancy/ListTeams", body: Data(), headers: protobuf)
            XCTAssertEqual(anonymous.status, 401, anonymous.text)
            XCTAssertNil(anonymous.header("Berth-RPC-Status"))
            let json = try await gateway.send(
                "POST", "/rpc/berth.tenancy.v1.Tenancy/ListTeams", token: admin, body: Data("{}".utf8),
                headers: ["Content-Type": "application/json"])
            XCTAssertEqual(json.status, 415, json.text)
            let garbage = try await gateway.send(
                "POST", "/rpc/berth.tenancy.v1.Tenancy/ListTeams", token: admin, body: Data([0xff, 0xff, 0xff]),
                headers: protobuf)
            XCTAssertEqual(garbage.status, 422, garbage.text)
            XCTAssertEqual(garbage.header("Berth-RPC-Status"), "3", "invalidArgument from the service's decoder")
            // The method's own request limit applies (DeleteWebhook takes at most 4 KiB), before any service call.
            let large = try await gateway.send(
                "POST", "/rpc/berth.audit.v1.Audit/DeleteWebhook", token: admin, body: Data(count: 5000), headers: protobuf)
            XCTAssertEqual(large.status, 413, large.text)
            XCTAssertEqual(try large.problemCode(), "body_too_large")
            let ok = try await gateway.send(
                "POST", "/rpc/berth.tenancy.v1.Tenancy/ListTeams", token: admin, body: Data(), headers: protobuf)
            XCTAssertEqual(ok.status, 200, ok.text)
            XCTAssertEqual(ok.header("Content-Type"), "application/x-protobuf")
        }
    }

    /// Every relayed method that needs an admin (by its access level, or identity's user and group changes, which
    /// identity checks itself) refuses a person who is not one: the relay adds no rights.
    func testEveryAdminMethodRefusesANonAdminThroughTheRelay() async throws {
        try await GatewayAPIHarness.run { gateway in
            let identity = gateway.env.paths.socketPath(for: .identity)
            _ = try await UnixRPCClient.call(
                socketPath: identity, IdentityV1.createUser,
                IdentityV1.CreateUserRequest(username: "plain", connectorId: "local", password: "plain-password-1"),
                deadline: .seconds(5))
            let plain = try await UnixRPCClient.call(
                socketPath: identity, IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(username: "plain", password: "plain-password-1", clientId: "berth-cli")
            ).idToken
            let identityAdmin = [
                IdentityV1.createUser.descriptor, IdentityV1.updateUser.descriptor, IdentityV1.deleteUser.descriptor,
                IdentityV1.createGroup.descriptor, IdentityV1.updateGroupMembers.descriptor, IdentityV1.deleteGroup.descriptor,
            ]
            let adminOnly = RelayedMethods.all.filter { $0.descriptor.access == .admin || identityAdmin.contains($0.descriptor) }
            XCTAssertFalse(adminOnly.isEmpty)
            for method in adminOnly {
                let answer = try await gateway.send(
                    "POST", "/rpc/\(method.descriptor.service)/\(method.descriptor.method)", token: plain, body: Data(),
                    headers: ["Content-Type": "application/x-protobuf"])
                XCTAssertEqual(answer.status, 403, "\(method.descriptor): \(answer.text)")
                XCTAssertEqual(answer.header("Berth-RPC-Status"), "7", "\(method.descriptor)")
            }
        }
    }
}
