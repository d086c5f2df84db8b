import BerthRPC
import Foundation
import XCTest

/// Every Contracts type survives encode -> decode, with every field set to something other than its default.
final class BridgeRoundTripTests: XCTestCase {
    private func assertRoundTrip<M: ProtoMessage & Equatable>(
        _ value: M, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let bytes = try ProtoCodec.encode(value)
        XCTAssertEqual(try ProtoCodec.decode(M.self, from: bytes), value, "\(M.self)", file: file, line: line)
        // The empty message too: defaults decode from zero bytes.
        XCTAssertNoThrow(try ProtoCodec.decode(M.self, from: []), file: file, line: line)
    }

    private let actor = AuditV1.Actor(
        subject: "s", username: "u", groups: ["g1", "g2"], authenticatedBy: "ldap", source: "uid:1000",
        userAgent: "berth/1")
    private let target = AuditV1.Target(kind: "space", name: "n", team: "t", space: "sp", cluster: "c")

    private var event: AuditV1.Event {
        AuditV1.Event(
            id: "id", timeUnixNanos: -1, actor: actor, action: "space.deleted", target: target, outcome: .failed,
            reason: "r", details: ["a": "1", "b": "2", "c": "", "": "empty key"])
    }

    func testAudit() throws {
        try assertRoundTrip(actor)
        try assertRoundTrip(target)
        try assertRoundTrip(event)
        try assertRoundTrip(AuditV1.AppendRequest(events: [event, AuditV1.Event(id: "2")]))
        try assertRoundTrip(AuditV1.AppendResponse(sequences: [1, 2, UInt64.max], duplicates: 3))
        let record = AuditV1.Record(sequence: 9, event: event, hash: Data(repeating: 0xAB, count: 32), previousHash: Data([0]))
        try assertRoundTrip(record)
        try assertRoundTrip(AuditV1.TailRequest(limit: 100))
        try assertRoundTrip(AuditV1.TailResponse(records: [record, AuditV1.Record(sequence: 10)]))
        for outcome in AuditV1.Outcome.allCases {
            try assertRoundTrip(AuditV1.Event(outcome: outcome))
        }
    }

    func testGateway() throws {
        try assertRoundTrip(GatewayV1.GetListenersRequest())
        try assertRoundTrip(GatewayV1.Listener(url: "http://127.0.0.1:7080", tls: true))
        try assertRoundTrip(GatewayV1.GetListenersResponse(listeners: [
            GatewayV1.Listener(url: "https://a", tls: true), GatewayV1.Listener(url: "http://b"),
        ]))
    }

    func testIdentity() throws {
        try assertRoundTrip(IdentityV1.WhoAmIRequest())
        try assertRoundTrip(IdentityV1.WhoAmIResponse(
            uid: 1000, gid: 1000, pid: -1, username: "ada", groups: ["berth-admin"], localAdmin: true,
            authenticatedBy: "peer-credentials"))
    }

    func testSleep() throws {
        let policy = SleepV1.SpacePolicy(space: "dev-1", sleepAfterSeconds: 3600)
        try assertRoundTrip(policy)
        try assertRoundTrip(SleepV1.SetPolicyRequest(policy: policy))
        try assertRoundTrip(SleepV1.GetPolicyRequest(space: "dev-1"))
    }

    func testSupervisor() throws {
        let statuses = SupervisorV1.ServiceState.allCases.map {
            SupervisorV1.ServiceStatus(
                name: "audit", state: $0, pid: 42, restarts: 3, uptimeSeconds: 99, lastExit: "signal 9 (KILL)",
                socketPath: "/run/berth/audit.sock")
        }
        for status in statuses { try assertRoundTrip(status) }
        try assertRoundTrip(SupervisorV1.StatusRequest())
        try assertRoundTrip(SupervisorV1.StatusResponse(services: statuses, supervisorPid: 1))
    }

    func testTenancy() throws {
        let team = TenancyV1.Team(name: "payments", displayName: "Payments", groups: ["cn=pay"], createdUnixSeconds: 1)
        try assertRoundTrip(team)
        try assertRoundTrip(TenancyV1.CreateTeamRequest(team: team))
        try assertRoundTrip(TenancyV1.ListTeamsRequest(pageSize: 50, pageToken: "tok"))
        try assertRoundTrip(TenancyV1.ListTeamsResponse(teams: [team, TenancyV1.Team(name: "x")], nextPageToken: "n"))
    }

    func testHealth() throws {
        try assertRoundTrip(HealthV1.HealthCheckRequest(service: "berth.audit.v1.Audit"))
        for status in HealthV1.HealthCheckResponse.ServingStatus.allCases {
            try assertRoundTrip(HealthV1.HealthCheckResponse(status: status))
        }
    }

    func testTestingMessagesWithSeveralMapEntries() throws {
        try assertRoundTrip(TestingV1.Scalars(i32: 1, text: "t", blob: Data([9]), color: .green))
        let composite = TestingV1.Composite(
            inner: TestingV1.Inner(name: "i"), numbers: Array(-50...50), names: ["a", "b"],
            items: [TestingV1.Inner(value: 1)], colors: [.green],
            labels: ["a": "1", "b": "2", "c": "3", "d": ""],
            byName: ["x": TestingV1.Inner(name: "x"), "y": TestingV1.Inner(value: 2), "z": TestingV1.Inner()],
            choiceInner: TestingV1.Inner(name: "ci"), limit: 7, blobs: [Data(), Data([1])],
            byCode: [1: "one", -1: "minus one", Int32.max: "max", 0: ""])
        try assertRoundTrip(composite)
        try assertRoundTrip(TestingV1.Composite(choiceNumber: 0))
    }

    func testUnsetOneofMembersDecodeNil() throws {
        let decoded = try ProtoCodec.decode(
            TestingV1.Composite.self, from: try ProtoCodec.encode(TestingV1.Composite(choiceNumber: 5)))
        XCTAssertEqual(decoded.choiceNumber, 5)
        XCTAssertNil(decoded.choiceText)
        XCTAssertNil(decoded.choiceInner)
        XCTAssertNil(decoded.limit)
    }

    func testConcurrentUseSharesOneLayoutCache() async throws {
        let request = AuditV1.AppendRequest(events: [event])
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<200 {
                        let bytes = try ProtoCodec.encode(request)
                        guard try ProtoCodec.decode(AuditV1.AppendRequest.self, from: bytes) == request else { return false }
                    }
                    return true
                }
            }
            for try await ok in group { XCTAssertTrue(ok) }
        }
    }
}
