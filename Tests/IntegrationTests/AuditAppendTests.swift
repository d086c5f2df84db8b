import AuditService
import BerthModel
import BerthRPC
import BerthTesting
import XCTest

/// Audit's Append and Tail, in-process over a real socket and SQLite file.
final class AuditAppendTests: XCTestCase {
    static func event(_ id: String, _ action: String = "space.created") -> AuditV1.Event {
        AuditV1.Event(
            id: id, timeUnixNanos: 1_700_000_000_000_000_000,
            actor: AuditV1.Actor(subject: "u-1", username: "alice", groups: ["dev"]), action: action,
            target: AuditV1.Target(kind: "space", name: "dev-1", team: "payments"), outcome: .allowed,
            details: ["template": "default"])
    }

    func testAppendIsIdempotentAndAnUnknownActionRejectsTheWholeBatch() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try AuditService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .audit)
            let own = try await AuditTestSupport.ownStart(env)  // audit's service.started comes first
            let first = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: [Self.event("a"), Self.event("b")]))
            XCTAssertEqual(first.sequences, [own + 1, own + 2])
            XCTAssertEqual(first.duplicates, 0)

            let retry = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: [Self.event("b"), Self.event("c")]))
            XCTAssertEqual(retry.sequences, [own + 2, own + 3])
            XCTAssertEqual(retry.duplicates, 1)

            let refused = await rpcError {
                try await client.unary(
                    AuditV1.append, AuditV1.AppendRequest(events: [Self.event("d"), Self.event("e", "space.exploded")]))
            }
            XCTAssertEqual(refused?.code, .invalidArgument)
            XCTAssertTrue(refused?.message.contains("space.exploded") ?? false, "\(String(describing: refused))")

            let tail = try await client.unary(AuditV1.tail, AuditV1.TailRequest(limit: 10))
            XCTAssertEqual(tail.records.map(\.sequence), [own + 3, own + 2, own + 1, own], "event d must not be stored half")
            XCTAssertEqual(tail.records.dropLast().last?.event, Self.event("a"))
        }
    }
}

extension AuditAppendTests {
    /// Each record's hash chains to the previous one: record n's previous_hash is record n-1's hash.
    func testRecordsFormAHashChain() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try AuditService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .audit)
            _ = try await AuditTestSupport.ownStart(env)  // sequence 1: audit's own service.started
            _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: [Self.event("a"), Self.event("b")]))
            _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: [Self.event("c")]))
            let records = try await client.unary(AuditV1.tail, AuditV1.TailRequest(limit: 10)).records.reversed()
            XCTAssertEqual(records.map(\.sequence), [1, 2, 3, 4])
            XCTAssertEqual(records.first?.previousHash, Data(repeating: 0, count: 32))
            for (earlier, later) in zip(records, records.dropFirst()) {
                XCTAssertEqual(later.previousHash, earlier.hash)
                XCTAssertEqual(earlier.hash.count, 32)
            }
            XCTAssertEqual(Set(records.map(\.hash)).count, 4)
        }
    }
}
