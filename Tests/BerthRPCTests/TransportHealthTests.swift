import BerthRPC
import Foundation
import XCTest

final class TransportHealthTests: XCTestCase {
    func testCheckReportsServingNotServingAndNotFound() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("health.sock").path
        let health = GRPCHealthService()
        health.setStatus(.serving, for: "berth.audit.v1.AuditService")
        var router = RPCRouter()
        health.register(in: &router)
        let server = UnixRPCServer(
            socketPath: path, router: router,
            authorizer: PeerCredentialAuthorizer(serviceUID: 4_000_000, adminGroupIDs: [], supplementaryGroups: { _ in [] }),
            logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path)
            let check = HealthV1.check
            let overall = try await client.unary(check, HealthV1.HealthCheckRequest(service: ""))
            XCTAssertEqual(overall.status, .serving)
            let audit = try await client.unary(check, HealthV1.HealthCheckRequest(service: "berth.audit.v1.AuditService"))
            XCTAssertEqual(audit.status, .serving)

            health.setStatus(.notServing, for: "berth.audit.v1.AuditService")
            let down = try await client.unary(check, HealthV1.HealthCheckRequest(service: "berth.audit.v1.AuditService"))
            XCTAssertEqual(down.status, .notServing)

            let unknown = await assertClientError(.notFound) {
                try await client.unary(check, HealthV1.HealthCheckRequest(service: "nope"))
            }
            XCTAssertTrue(unknown?.message.contains("\"nope\"") ?? false, unknown?.message ?? "")
            await client.close()
        }
    }

    func testHealthWireMatchesProtobuf() throws {
        // Bytes as `protoc --encode=grpc.health.v1.HealthCheckRequest` produces them.
        XCTAssertEqual(try HealthV1.HealthCheckRequest(service: "ab").wireBytes(), [0x0A, 0x02, 0x61, 0x62])
        XCTAssertEqual(try HealthV1.HealthCheckRequest(service: "").wireBytes(), [])
        XCTAssertEqual(try HealthV1.HealthCheckResponse(status: .notServing).wireBytes(), [0x08, 0x02])
        let decoded = try ([0x08, 0x01, 0x12, 0x01, 0x7A] as [UInt8]).withUnsafeBytes { try HealthV1.HealthCheckResponse(wireBytes: $0) }
        XCTAssertEqual(decoded.status, .serving, "unknown field 2 must be skipped")
        XCTAssertThrowsError(try ([0x0A, 0x05, 0x61] as [UInt8]).withUnsafeBytes { try HealthV1.HealthCheckRequest(wireBytes: $0) })
    }
}
