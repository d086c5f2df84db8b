import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import IdentityService
import Logging
import XCTest

/// `berth login` (the built CLI) against identity in-process: the token lands in the cache (0600) and
/// `berth whoami` shows its subject; a wrong password exits non-zero and writes nothing.
final class IdentityCLILoginTests: XCTestCase {
    static let berth: String = {
        let bundle = Bundle.main.bundleURL
        let directory = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent().path : bundle.path
        return directory + "/berth"
    }()

    func testLoginCachesTheTokenAndWhoAmIShowsItsSubject() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.berth) else {
            throw XCTSkip("\(Self.berth) is not built: run `swift build` first (make test does)")
        }
        let root = try TemporaryDirectory(prefix: "cli-login")
        defer { root.remove() }
        let passwordFile = root.appending("password")
        try "cli-password\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let wrongFile = root.appending("wrong")
        try "not-it\n".write(toFile: wrongFile, atomically: true, encoding: .utf8)
        let env = try TestEnvironment { $0.admin.bootstrapPasswordFile = passwordFile }
        defer { env.remove() }
        let configHome = root.appending("config")
        let host = try IdentityService.build(config: env.config, logger: Logger(label: "test"), audit: .disabled)
        try await withRunningService(host, in: env) {
            let runtime = ["--runtime-dir", env.config.paths.runtimeDir, "--state-dir", env.config.paths.stateDir]
            let environment = ["XDG_CONFIG_HOME": configHome]
            let cache = configHome + "/berth/tokens.json"

            let refused = try await Self.run(
                ["login", "--username", "admin", "--password-file", wrongFile] + runtime, environment)
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.stderr.contains("invalid username or password"), refused.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: cache))

            let login = try await Self.run(
                ["login", "--username", "admin", "--password-file", passwordFile] + runtime, environment)
            XCTAssertEqual(login.status, 0, login.stderr)
            let attributes = try FileManager.default.attributesOfItem(atPath: cache)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
            let file = try XCTUnwrap(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cache))) as? [String: Any])
            // One entry per server (the config's gateway.publicURL here), the current one named.
            let current = try XCTUnwrap(file["current"] as? String)
            let entry = try XCTUnwrap((file["servers"] as? [String: Any])?[current] as? [String: Any])
            let subject = try XCTUnwrap(entry["subject"] as? String)
            let token = try XCTUnwrap(entry["idToken"] as? String)

            let verified = try await UnixRPCClient.call(
                socketPath: env.paths.socketPath(for: .identity), IdentityV1.verifyToken,
                IdentityV1.VerifyTokenRequest(token: token, audience: "berth-cli"))
            XCTAssertEqual(verified.subject, subject)

            let whoami = try await Self.run(["whoami"] + runtime, environment)
            XCTAssertEqual(whoami.status, 0, whoami.stderr)
            XCTAssertTrue(whoami.stdout.contains("logged in: admin (subject \(subject))"), whoami.stdout)
        }
    }

    static func run(_ arguments: [String], _ environment: [String: String]) async throws
        -> IdentityTestProcess.Outcome
    {
        try await IdentityTestProcess.run(berth, arguments, environment: environment)
    }
}
