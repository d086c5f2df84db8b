import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import XCTest

/// The built `berth` CLI against gateway + identity in-process: `berth login` runs the device flow (the test
/// approves the code it prints, as a person would on /device), `berth token` prints an ExecCredential and
/// refreshes an expiring token, `berth kubeconfig` merges without clobbering, `berth logout` revokes.
final class OAuthCLITests: XCTestCase {
    static let password = "cli-oauth-password"

    func testLoginTokenKubeconfigLogout() async throws {
        let berth = IdentityCLILoginTests.berth
        guard FileManager.default.isExecutableFile(atPath: berth) else {
            throw XCTSkip("\(berth) is not built: run `swift build` first (make test does)")
        }
        let port = try LoopbackPort.free()
        let root = try TemporaryDirectory(prefix: "cli-oauth")
        defer { root.remove() }
        let passwordFile = root.appending("password")
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(port)"
        let env = try TestEnvironment {
            $0.gateway.listen = base
            $0.gateway.publicURL = base
            $0.admin.bootstrapPasswordFile = passwordFile
        }
        defer { env.remove() }
        let logger = Logger(label: "test")
        let configHome = root.appending("config")
        let environment = ["XDG_CONFIG_HOME": configHome, "HOME": root.path]
        let cachePath = configHome + "/berth/tokens.json"
        let identity = try IdentityService.build(config: env.config, logger: logger, audit: .disabled)
        try await withRunningService(identity, in: env) {
            try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                let identitySocket = env.paths.socketPath(for: .identity)
                // berth login: the device flow; approve the code it prints.
                let login = try await Self.runApproving(
                    berth, ["login", "--server", base], environment: environment
                ) { userCode in
                    let answer = try await UnixRPCClient.call(
                        socketPath: identitySocket, IdentityV1.deviceVerification,
                        IdentityV1.DeviceVerificationRequest(
                            userCode: userCode, username: "admin", password: Self.password, approve: true))
                    XCTAssertEqual(answer.error, "", answer.errorDescription)
                }
                XCTAssertEqual(login.status, 0, login.stderr)
                XCTAssertTrue(login.stdout.contains("\(base)/device"), login.stdout)
                let mode = try FileManager.default.attributesOfItem(atPath: cachePath)[.posixPermissions] as? NSNumber
                XCTAssertEqual(mode?.intValue, 0o600)
                let cached = try Self.entry(cachePath, base)
                XCTAssertFalse((cached["refreshToken"] as? String ?? "").isEmpty)

                // A valid token is printed as is.
                let first = try await IdentityTestProcess.run(berth, ["token"], environment: environment)
                XCTAssertEqual(first.status, 0, first.stderr)
                let credential = try Self.execCredential(first.stdout)
                XCTAssertEqual(credential.token, cached["idToken"] as? String)

                // Expiring within a minute: refreshed silently, the refresh token rotated in the cache.
                try Self.rewrite(cachePath, base) { $0["expiresAt"] = Int64(Date().timeIntervalSince1970) + 30 }
                let refreshed = try await IdentityTestProcess.run(berth, ["token"], environment: environment)
                XCTAssertEqual(refreshed.status, 0, refreshed.stderr)
                let renewed = try Self.execCredential(refreshed.stdout)
                XCTAssertNotEqual(renewed.token, credential.token)
                let after = try Self.entry(cachePath, base)
                XCTAssertNotEqual(after["refreshToken"] as? String, cached["refreshToken"] as? String)
                let verified = try await UnixRPCClient.call(
                    socketPath: identitySocket, IdentityV1.verifyToken,
                    IdentityV1.VerifyTokenRequest(token: renewed.token, audience: "berth-cli"))
                XCTAssertEqual(verified.username, "admin")

                // berth kubeconfig merges into an existing file without touching other entries, idempotently.
                let kubeconfig = root.appending("kube/config")
                try FileManager.default.createDirectory(
                    atPath: root.appending("kube"), withIntermediateDirectories: true)
                try Self.existingKubeconfig.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
                for _ in 0..<2 {
                    let written = try await IdentityTestProcess.run(
                        berth,
                        [
                            "kubeconfig", "--kubeconfig", kubeconfig, "--cluster", "dev", "--cluster-server",
                            "https://dev.example:6443",
                        ], environment: environment)
                    XCTAssertEqual(written.status, 0, written.stderr)
                }
                let merged = try String(contentsOfFile: kubeconfig, encoding: .utf8)
                XCTAssertTrue(merged.contains("name: ops-admin"), merged)
                XCTAssertTrue(merged.contains("token: keep-me"), merged)
                XCTAssertTrue(merged.contains("current-context: ops"), merged)
                XCTAssertEqual(merged.components(separatedBy: "name: berth\n").count - 1, 1, merged)
                XCTAssertTrue(merged.contains("client.authentication.k8s.io/v1"), merged)
                XCTAssertTrue(merged.contains("- token"), merged)
                XCTAssertTrue(merged.contains("server: https://dev.example:6443"), merged)

                // berth logout revokes the refresh token: a saved copy of the cache no longer refreshes.
                let saved = try Data(contentsOf: URL(fileURLWithPath: cachePath))
                let logout = try await IdentityTestProcess.run(berth, ["logout"], environment: environment)
                XCTAssertEqual(logout.status, 0, logout.stderr)
                XCTAssertFalse(FileManager.default.fileExists(atPath: cachePath))
                let notLoggedIn = try await IdentityTestProcess.run(
                    berth, ["token", "--server", base], environment: environment)
                XCTAssertEqual(notLoggedIn.status, 2)
                XCTAssertTrue(notLoggedIn.stderr.contains("berth login"), notLoggedIn.stderr)
                try saved.write(to: URL(fileURLWithPath: cachePath))
                try Self.rewrite(cachePath, base) { $0["expiresAt"] = 0 }
                let revoked = try await IdentityTestProcess.run(berth, ["token"], environment: environment)
                XCTAssertEqual(revoked.status, 2)
                XCTAssertTrue(revoked.stderr.contains("login ended"), revoked.stderr)
            }
        }
    }

    static let existingKubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: ops
        clusters:
        - name: ops
          cluster:
            server: https://ops.example:6443
        users:
        - name: ops-admin
          user:
            token: keep-me
        contexts:
        - name: ops
          context:
            cluster: ops
            user: ops-admin
        """

    static func execCredential(_ stdout: String) throws -> (token: String, expiry: String) {
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["apiVersion"] as? String, "client.authentication.k8s.io/v1")
        XCTAssertEqual(object["kind"] as? String, "ExecCredential")
        let status = try XCTUnwrap(object["status"] as? [String: Any])
        let expiry = try XCTUnwrap(status["expirationTimestamp"] as? String)
        XCTAssertNotNil(ISO8601DateFormatter().date(from: expiry), expiry)
        return (try XCTUnwrap(status["token"] as? String), expiry)
    }

    static func entry(_ path: String, _ server: String) throws -> [String: Any] {
        let file = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual(file["current"] as? String, server)
        return try XCTUnwrap((file["servers"] as? [String: Any])?[server] as? [String: Any])
    }

    static func rewrite(_ path: String, _ server: String, _ change: (inout [String: Any]) -> Void) throws {
        var file = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var servers = try XCTUnwrap(file["servers"] as? [String: Any])
        var entry = try XCTUnwrap(servers[server] as? [String: Any])
        change(&entry)
        servers[server] = entry
        file["servers"] = servers
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `berth login` (device flow) and approves the user code it shows.
    static func runApproving(
        _ executable: String, _ arguments: [String], environment: [String: String],
        approve: @escaping @Sendable (String) async throws -> Void
    ) async throws -> IdentityTestProcess.Outcome {
        // The code ends the first line ("… enter the code WDJB-MJHT").
        try await runInteracting(executable, arguments, environment: environment, act: approve) { output in
            guard let line = output.split(separator: "\n").first, output.contains("\n") else { return nil }
            let code = line.split(separator: " ").last.map(String.init) ?? ""
            return code.count == 9 ? code : nil
        }
    }

    /// Runs a program, reads its stdout until `extract` finds what it is waiting for (nil: keep reading), lets
    /// `act` play the person with it, then waits for the program to finish. Fails (and stops the program) when
    /// the output ends without it.
    static func runInteracting(
        _ executable: String, _ arguments: [String], environment: [String: String],
        act: @escaping @Sendable (String) async throws -> Void, extract: @escaping @Sendable (String) -> String?
    ) async throws -> IdentityTestProcess.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let (shown, found): (String, String?) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var collected = Data()
                while extract(String(decoding: collected, as: UTF8.self)) == nil {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    collected.append(chunk)
                }
                let text = String(decoding: collected, as: UTF8.self)
                continuation.resume(returning: (text, extract(text)))
            }
        }
        if let found {
            try await act(found)
        } else {
            XCTFail("\(executable) did not show what the test waits for: \(shown)")
            process.terminate()
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let rest = out.fileHandleForReading.readDataToEndOfFile()
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(
                    returning: IdentityTestProcess.Outcome(
                        status: process.terminationStatus, stdout: shown + String(decoding: rest, as: UTF8.self),
                        stderr: String(decoding: stderr, as: UTF8.self)))
            }
        }
    }
}
