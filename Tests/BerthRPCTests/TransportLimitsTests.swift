import BerthRPC
import Foundation
import XCTest

final class TransportLimitsTests: XCTestCase {
    func testOversizedRequestIsRejectedWithResourceExhaustedNamingTheLimit() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("limits.sock").path
        var router = RPCRouter()
        router.unary(TestMethods.small) { request, _ in request }
        router.unary(TestMethods.echo) { request, _ in request }
        let server = UnixRPCServer(
            socketPath: path, router: router, authorizer: AllowAllAuthorizer(),
            limits: RPCLimits(maxMessageBytes: 64 * 1024), logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path)
            // Per-method limit (1024 bytes).
            let perMethod = await assertClientError(.resourceExhausted) {
                try await client.unary(TestMethods.small, EchoMessage(payload: [UInt8](repeating: 7, count: 2000)))
            }
            XCTAssertTrue(perMethod?.message.contains("1024") ?? false, perMethod?.message ?? "")
            // Server-wide limit (64 KiB) applies to methods with a larger own limit.
            let serverWide = await assertClientError(.resourceExhausted) {
                try await client.unary(TestMethods.echo, EchoMessage(payload: [UInt8](repeating: 7, count: 100_000)))
            }
            XCTAssertTrue(serverWide?.message.contains("65536") ?? false, serverWide?.message ?? "")
            // Within the limit still works on the same client.
            let fine = try await client.unary(TestMethods.small, EchoMessage(payload: [UInt8](repeating: 1, count: 900)))
            XCTAssertEqual(fine.payload.count, 900)
            await client.close()
        }
    }

    func testDeadlineExceededWhenTheHandlerNeverAnswers() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("deadline.sock").path
        let gate = Gate()
        var router = RPCRouter()
        router.unary(TestMethods.echo) { request, call in
            await gate.wait()
            return request
        }
        let server = UnixRPCServer(
            socketPath: path, router: router, authorizer: AllowAllAuthorizer(), logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path)
            let start = ContinuousClock.now
            let error = await assertClientError(.deadlineExceeded) {
                try await client.unary(TestMethods.echo, EchoMessage("hang"), deadline: .milliseconds(200))
            }
            let elapsed = ContinuousClock.now - start
            XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(190))
            XCTAssertLessThan(elapsed, .seconds(3))
            XCTAssertTrue(error?.message.contains("berth.testing.v1.Echo/Echo") ?? false, error?.message ?? "")
            // Let the stuck handler finish so the graceful shutdown can complete.
            await gate.open()
            await client.close()
        }
    }
}

/// Suspends callers until opened; the continuation never resumes on its own.
actor Gate {
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
