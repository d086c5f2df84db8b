import BerthRPC
import Foundation
import XCTest

final class TransportRoundTripTests: XCTestCase {
    private struct NotAllowedToSay: Error, CustomStringConvertible {
        var description: String { "secret-database-password" }
    }

    private struct Conflict: RPCStatusConvertible {
        var rpcStatusCode: RPCStatusCode { .alreadyExists }
        var rpcStatusMessage: String { "space \"dev\" already exists: choose another name" }
    }

    private func makeRouter() -> RPCRouter {
        var router = RPCRouter()
        router.unary(TestMethods.echo) { request, _ in request }
        router.unary(TestMethods.whoAmI) { _, call in
            EchoMessage("\(call.peer.uid) \(call.peer.gid) \(call.peer.pid) \(call.metadata["x-note"] ?? "-")")
        }
        router.unary(TestMethods.write) { request, _ in
            switch request.text {
            case "conflict": throw Conflict()
            default: throw NotAllowedToSay()
            }
        }
        return router
    }

    func testEchoRoundTripAndServerSeesTheCallersOwnCredentials() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("echo.sock").path
        let server = UnixRPCServer(
            socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path)
            let payload = EchoMessage(payload: (0..<150).map { UInt8($0 % 251) })
            let echoed = try await client.unary(TestMethods.echo, payload)
            XCTAssertEqual(echoed, payload)

            let who = try await client.unary(TestMethods.whoAmI, EchoMessage("x"), metadata: ["x-note": "hi"])
            XCTAssertEqual(who.text, "\(getuid()) \(getgid()) \(getpid()) hi")
            await client.close()
        }
    }

    func testHandlerErrorsMapToStatusesAndUnknownErrorsAreNotEchoed() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("errors.sock").path
        let server = UnixRPCServer(
            socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path)
            let conflict = await assertClientError(.alreadyExists) {
                try await client.unary(TestMethods.write, EchoMessage("conflict"))
            }
            XCTAssertEqual(conflict?.message, "space \"dev\" already exists: choose another name")

            let hidden = await assertClientError(.internal) {
                try await client.unary(TestMethods.write, EchoMessage("boom"))
            }
            XCTAssertFalse(hidden?.message.contains("secret") ?? true, hidden?.message ?? "")
            XCTAssertTrue(hidden?.message.contains("request id ") ?? false, hidden?.message ?? "")
            await client.close()
        }
    }

    func testSocketIsMode0660InANewDirectory0750AndRemovedOnShutdown() async throws {
        let dir = try makeTemporaryDirectory(self)
        let runtime = dir.appendingPathComponent("run/berth")
        let path = runtime.appendingPathComponent("mode.sock").path
        let server = UnixRPCServer(
            socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
        try await withRunningServer(server) {
            let socketMode = try XCTUnwrap(
                FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            XCTAssertEqual(socketMode, 0o660)
            let dirMode = try XCTUnwrap(
                FileManager.default.attributesOfItem(atPath: runtime.path)[.posixPermissions] as? Int)
            XCTAssertEqual(dirMode, 0o750)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "socket file left behind after shutdown")
    }

    func testStaleSocketFileIsReplaced() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("stale.sock").path
        try makeStaleSocketFile(at: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))

        let server = UnixRPCServer(
            socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path, connectRetry: .zero)
            let echoed = try await client.unary(TestMethods.echo, EchoMessage("after stale"))
            XCTAssertEqual(echoed.text, "after stale")
            await client.close()
        }
    }

    func testRefusesToStartWhileAnotherServerAnswersOnThePath() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("busy.sock").path
        let first = UnixRPCServer(
            socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
        try await withRunningServer(first) {
            let second = UnixRPCServer(
                socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
            do {
                try await second.run()
                XCTFail("second server started on a live socket")
            } catch let error as RPCTransportError {
                XCTAssertEqual(error.code, .alreadyRunning)
                XCTAssertTrue(error.message.contains(path), error.message)
            }
            // The first server's socket survived the refused start.
            let client = UnixRPCClient(socketPath: path, connectRetry: .zero)
            let echoed = try await client.unary(TestMethods.echo, EchoMessage("still here"))
            XCTAssertEqual(echoed.text, "still here")
            await client.close()
        }
    }

    func testRefusesToDeleteAFileThatIsNotASocket() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("precious.sock").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        let server = UnixRPCServer(
            socketPath: path, router: makeRouter(), authorizer: AllowAllAuthorizer(), logger: testLogger())
        do {
            try await server.run()
            XCTFail("server replaced a regular file")
        } catch let error as RPCTransportError {
            XCTAssertEqual(error.code, .socketPath)
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
    }

    /// Binds a Unix socket and closes it without unlinking: what a crashed server leaves behind.
    private func makeStaleSocketFile(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        XCTAssertEqual(result, 0, "bind failed: \(errno)")
    }
}
