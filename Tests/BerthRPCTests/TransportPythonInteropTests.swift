import BerthRPC
import Foundation
import XCTest

/// Standard gRPC tooling (Debian's python3-grpcio, real protobuf encoding) against a Berth server.
final class TransportPythonInteropTests: XCTestCase {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let python = "/usr/bin/python3"

    func testPythonGRPCClientCallsHealthAndEcho() async throws {
        let output = try await runPythonAgainstServer(asNobody: false)
        XCTAssertEqual(output["health:"] as? String, "SERVING")
        XCTAssertEqual(output["health:berth.testing.v1.Echo"] as? String, "NOT_SERVING")
        XCTAssertEqual(output["health:nope"] as? String, "NOT_FOUND")
        XCTAssertEqual(output["echo"] as? String, "hello from python")
        XCTAssertEqual(output["write"] as? String, "change")
        let pid = try XCTUnwrap(output["pid"] as? Int)
        XCTAssertEqual(output["whoami"] as? String, "\(getuid()) \(getgid()) \(pid)")
    }

    /// The server sees the kernel's idea of the caller: run the client as `nobody` and check that the handler
    /// got uid 65534 and the python process's pid, and that the default policy refuses it a write.
    func testPeerCredentialsOfAnotherUserComeFromTheKernel() async throws {
        guard getuid() == 0 else {
            throw XCTSkip("needs root to run the python client as uid 65534 with setpriv; run the tests as root")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs /usr/bin/setpriv (util-linux) to run the python client as another uid")
        }
        let output = try await runPythonAgainstServer(asNobody: true)
        XCTAssertEqual(output["uid"] as? Int, 65534)
        let pid = try XCTUnwrap(output["pid"] as? Int)
        XCTAssertEqual(output["whoami"] as? String, "65534 65534 \(pid)")
        XCTAssertEqual(output["echo"] as? String, "hello from python")
        XCTAssertEqual(output["write"] as? String, "PERMISSION_DENIED")
        let details = output["write.details"] as? String ?? ""
        XCTAssertTrue(details.contains("berth.testing.v1.Echo/Write"), details)
        XCTAssertTrue(details.contains("uid 65534"), details)
    }

    private func runPythonAgainstServer(asNobody: Bool) async throws -> [String: Any] {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("needs Debian's /usr/bin/python3 with python3-grpcio")
        }
        let dir = try makeTemporaryDirectory(self)
        let pb2 = dir.appendingPathComponent("pb2")
        try FileManager.default.createDirectory(at: pb2, withIntermediateDirectories: true)
        // -I at the proto's own directory: a `grpc/` output package would shadow grpcio's `grpc` module.
        let healthProtoDir = Self.repositoryRoot.appendingPathComponent("proto/grpc/health/v1").path
        try await run("/usr/bin/protoc", ["--python_out=\(pb2.path)", "-I", healthProtoDir, "\(healthProtoDir)/health.proto"])
        let script = dir.appendingPathComponent("grpc_client.py")
        try FileManager.default.copyItem(
            at: Self.repositoryRoot.appendingPathComponent("Tests/BerthRPCTests/Fixtures/grpc_client.py"), to: script)

        let path = dir.appendingPathComponent("interop.sock").path
        let health = GRPCHealthService()
        health.setStatus(.notServing, for: "berth.testing.v1.Echo")
        var router = RPCRouter()
        health.register(in: &router)
        router.unary(TestMethods.echo) { request, _ in request }
        router.unary(TestMethods.write) { request, _ in request }
        router.unary(TestMethods.whoAmI) { _, call in EchoMessage("\(call.peer.uid) \(call.peer.gid) \(call.peer.pid)") }
        let server = UnixRPCServer(
            socketPath: path, router: router,
            authorizer: PeerCredentialAuthorizer(serviceUID: getuid(), adminGroupIDs: []),
            logger: testLogger())

        let stdout = try await withRunningServer(server) {
            var arguments = [script.path, path, pb2.path]
            var executable = Self.python
            if asNobody {
                // Let uid 65534 reach the socket (in production: membership of the socket's group).
                for item in [dir.path, pb2.path] { chmod(item, 0o755) }
                chmod(script.path, 0o644)
                chmod(path, 0o666)
                executable = "/usr/bin/setpriv"
                arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Self.python] + arguments
            }
            return try await run(executable, arguments)
        }
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try XCTUnwrap(object as? [String: Any], stdout)
    }

    /// Runs a program to completion off the concurrency pool (the server's handlers need it meanwhile).
    @discardableResult
    private func run(_ executable: String, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.runBlocking(executable, arguments) })
            }
        }
    }

    /// Runs a program to completion; throws with its stderr when it fails.
    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProcessFailed(
                description: "\(executable) \(arguments) exited \(process.terminationStatus): "
                    + String(decoding: stderr, as: UTF8.self))
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    private struct ProcessFailed: Error, CustomStringConvertible {
        let description: String
    }
}
