import BerthRPC
import Foundation
import XCTest

final class TransportClientRetryTests: XCTestCase {
    func testClientWaitsForAServerThatStartsLate() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("late.sock").path
        var router = RPCRouter()
        router.unary(TestMethods.echo) { request, _ in request }
        let server = UnixRPCServer(
            socketPath: path, router: router, authorizer: AllowAllAuthorizer(), logger: testLogger())
        let client = UnixRPCClient(socketPath: path, connectRetry: .seconds(5))
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                startedContinuation.yield()
                defer { server.gracefulShutdown() }
                let echoed = try await client.unary(TestMethods.echo, EchoMessage("late"))
                XCTAssertEqual(echoed.text, "late")
            }
            // Start the server only once the call is under way, and a little later still: the call must be
            // retrying its connection, with no socket file yet.
            for await _ in started { break }
            XCTAssertFalse(FileManager.default.fileExists(atPath: path))
            try await Task.sleep(for: .milliseconds(300))
            group.addTask { try await server.run() }
            try await group.waitForAll()
        }
        await client.close()
    }

    func testNoServerWithinConnectRetryGivesAnActionableUnavailable() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("audit.sock").path
        let client = UnixRPCClient(socketPath: path, connectRetry: .milliseconds(100))
        let start = ContinuousClock.now
        let error = await assertClientError(.unavailable) {
            try await client.unary(TestMethods.echo, EchoMessage("nobody"))
        }
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(100))
        XCTAssertEqual(
            error?.message,
            "berth-audit is not running: no socket at \(path) (is berthd running? see `berthd status`)")
        await client.close()
    }
}
