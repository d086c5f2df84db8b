import AuditService
import BerthModel
import BerthRPC
import BerthTesting
import XCTest

/// Query, ListCheckpoints, Verify and the Append limits over audit's real socket.
final class AuditRPCTests: XCTestCase {
    func testQueryCheckpointsAndVerifyOverTheSocket() async throws {
        let env = try TestEnvironment { $0.audit.checkpointEvery = 3 }
        defer { env.remove() }
        try await withRunningService(try AuditService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .audit)
            let events = (1...7).map { AuditAppendTests.event("r\($0)", $0 % 2 == 0 ? "team.created" : "space.created") }
            _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: events))

            let spaces = try await client.unary(AuditV1.query, AuditV1.QueryRequest(actionPrefix: "space.", pageSize: 2))
            XCTAssertEqual(spaces.records.map(\.sequence), [7, 5])
            let more = try await client.unary(
                AuditV1.query, AuditV1.QueryRequest(actionPrefix: "space.", pageSize: 2, pageToken: spaces.nextPageToken))
            XCTAssertEqual(more.records.map(\.sequence), [3, 1])
            XCTAssertEqual(more.nextPageToken, "")

            let checkpoints = try await client.unary(AuditV1.listCheckpoints, AuditV1.ListCheckpointsRequest())
            XCTAssertEqual(checkpoints.checkpoints.map(\.sequence), [7], "one batch of 7 crossed checkpointEvery=3: signed at its end")
            XCTAssertTrue(checkpoints.publicKeyPem.hasPrefix("-----BEGIN PUBLIC KEY-----"))
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: env.config.paths.stateDir + "/audit-signing-key.pem"))

            let verified = try await client.unary(AuditV1.verify, AuditV1.VerifyRequest())
            XCTAssertTrue(verified.ok, verified.detail)
            XCTAssertEqual(verified.eventsChecked, 7)
            XCTAssertEqual(verified.headSequence, 7)
        }
    }

    func testOversizedBatchOversizedEventAndUnknownActionStoreNothing() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try AuditService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .audit)
            let tooMany = await rpcError {
                try await client.unary(
                    AuditV1.append, AuditV1.AppendRequest(events: (0...1000).map { AuditAppendTests.event("m\($0)") }))
            }
            XCTAssertEqual(tooMany?.code, .resourceExhausted)
            XCTAssertTrue(tooMany?.message.contains("split it") ?? false, "\(String(describing: tooMany))")

            var huge = AuditAppendTests.event("huge")
            huge.details = ["blob": String(repeating: "x", count: 70_000)]
            let tooBig = await rpcError {
                try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: [AuditAppendTests.event("ok"), huge]))
            }
            XCTAssertEqual(tooBig?.code, .invalidArgument)
            XCTAssertTrue(tooBig?.message.contains("keep details small") ?? false, "\(String(describing: tooBig))")

            let unknown = await rpcError {
                try await client.unary(
                    AuditV1.append,
                    AuditV1.AppendRequest(events: [AuditAppendTests.event("fine"), AuditAppendTests.event("x", "space.melted")]))
            }
            XCTAssertEqual(unknown?.code, .invalidArgument)

            let stored = try await client.unary(AuditV1.query, AuditV1.QueryRequest())
            XCTAssertEqual(stored.records, [], "nothing of a refused batch is stored")
            let verified = try await client.unary(AuditV1.verify, AuditV1.VerifyRequest())
            XCTAssertTrue(verified.ok)
            XCTAssertEqual(verified.eventsChecked, 0)
        }
    }
}
