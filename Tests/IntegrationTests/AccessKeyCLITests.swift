import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import IdentityService
import Logging
import XCTest

/// `berth accesskey …`, `berth user …` and `berth group …` (the built CLI) against identity in-process, acting
/// as the logged-in admin (the cached ID token is sent as the bearer) or as `$BERTH_TOKEN`.
final class AccessKeyCLITests: XCTestCase {
    func testKeysUsersAndGroupsFromTheCLI() async throws {
        guard FileManager.default.isExecutableFile(atPath: IdentityCLILoginTests.berth) else {
            throw XCTSkip("\(IdentityCLILoginTests.berth) is not built: run `swift build` first (make test does)")
        }
        let root = try TemporaryDirectory(prefix: "cli-keys")
        defer { root.remove() }
        let passwordFile = root.appending("password")
        try "cli-password\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let env = try TestEnvironment { $0.admin.bootstrapPasswordFile = passwordFile }
        defer { env.remove() }
        let host = try IdentityService.build(config: env.config, logger: Logger(label: "test"), audit: .disabled)
        try await withRunningService(host, in: env) {
            let runtime = ["--runtime-dir", env.config.paths.runtimeDir, "--state-dir", env.config.paths.stateDir]
            let environment = ["XDG_CONFIG_HOME": root.appending("config")]
            func berth(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> IdentityTestProcess.Outcome {
                let outcome = try await IdentityCLILoginTests.run(arguments + runtime, environment.merging(extra) { $1 })
                XCTAssertEqual(outcome.status, 0, "\(arguments): \(outcome.stderr)")
                return outcome
            }
            func json(_ outcome: IdentityTestProcess.Outcome) throws -> Any {
                try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
            }
            _ = try await berth(["login", "--username", "admin", "--password-file", passwordFile])

            let created = try await berth(["accesskey", "create", "--name", "ci", "--scope", "read-only", "--expires-in", "90d", "-o", "json"])
            XCTAssertTrue(created.stderr.contains("shown only once"), created.stderr)
            let createdObject = try XCTUnwrap(try json(created) as? [String: Any])
            let token = try XCTUnwrap(createdObject["token"] as? String)
            let key = try XCTUnwrap(createdObject["key"] as? [String: Any])
            let keyID = try XCTUnwrap(key["id"] as? String)
            XCTAssertTrue(token.hasPrefix("berth_ak_\(keyID)_"))
            XCTAssertEqual(key["ownerUsername"] as? String, "admin")

            // As the key itself ($BERTH_TOKEN): a read-only key lists its owner's keys, never a secret.
            let listed = try await berth(["accesskey", "list", "-o", "json"], ["BERTH_TOKEN": token])
            XCTAssertEqual((try json(listed) as? [[String: Any]])?.compactMap { $0["id"] as? String }, [keyID])
            XCTAssertFalse(listed.stdout.contains(String(token.suffix(43))))
            let table = try await berth(["accesskey", "list"])
            XCTAssertTrue(table.stdout.contains("read-only"), table.stdout)

            _ = try await berth(["user", "create", "dev", "--name", "Dev", "--group", "team-a"])
            _ = try await berth(["group", "create", "platform", "--member", "dev"])
            _ = try await berth(["group", "members", "platform", "--add", "admin", "--remove", "dev"])
            let groupList = try await berth(["group", "list", "-o", "json"])
            let groups = try XCTUnwrap(try json(groupList) as? [[String: Any]])
            let admin = try await Self.user("admin", env)
            XCTAssertEqual(groups.first { $0["name"] as? String == "platform" }?["memberIds"] as? [String] ?? [], [admin.id])
            _ = try await berth(["user", "disable", "dev"])
            _ = try await berth(["user", "update", "dev", "--email", "dev@example.com"])
            let userList = try await berth(["user", "list", "-o", "json"])
            let users = try XCTUnwrap(try json(userList) as? [[String: Any]])
            let dev = try XCTUnwrap(users.first { $0["username"] as? String == "dev" })
            XCTAssertEqual(dev["active"] as? Bool ?? true, false)
            XCTAssertEqual(dev["groups"] as? [String], ["team-a"])
            XCTAssertEqual(dev["email"] as? String, "dev@example.com")
            XCTAssertEqual(dev["displayName"] as? String, "Dev", "only the given field changed")

            _ = try await berth(["accesskey", "revoke", keyID])
            let refused = await rpcError {
                try await UnixRPCClient.call(
                    socketPath: env.paths.socketPath(for: .identity), IdentityV1.verifyToken,
                    IdentityV1.VerifyTokenRequest(token: token))
            }
            XCTAssertEqual(refused?.code, .unauthenticated)
            _ = try await berth(["user", "delete", "dev"])
            _ = try await berth(["group", "delete", "platform"])
        }
    }

    static func user(_ username: String, _ env: TestEnvironment) async throws -> IdentityV1.UserRecord {
        try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .identity), IdentityV1.getUser, IdentityV1.GetUserRequest(username: username))
    }
}
