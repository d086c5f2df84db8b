import AuditService
import BerthModel
import BerthRPC
import BerthTesting
import Logging
import XCTest

/// Berth-audit records its own start and stop in its own chain (through the same validation and group commit as
/// an Append), as every other service does through its socket.
final class AuditOwnLifecycleTests: XCTestCase {
    func testAuditRecordsItsOwnStartAndStopInTheChain() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let logger = Logger(label: "test.audit")
        try await withGracefullyStoppedService(try AuditService.build(config: env.config, logger: logger), in: env) {
            _ = try await AuditTestSupport.ownStart(env)
        }
        // Stopped gracefully (as on SIGTERM); started again to read what the first run stored.
        try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
            let restarted = try await AuditTestSupport.ownStart(env)
            let records = try await AuditTestSupport.records(env)
            XCTAssertEqual(restarted, 3)
            XCTAssertEqual(
                records.compactMap(\.event?.action),
                [AuditAction.serviceStarted, .serviceStopped, .serviceStarted].map(\.rawValue))
            XCTAssertEqual(records.map(\.sequence), [1, 2, 3], "in the chain, without gaps")
            for event in records.compactMap(\.event) {
                XCTAssertEqual(event.actor?.username, "berth-audit")
                XCTAssertEqual(event.actor?.authenticatedBy, "process")
                XCTAssertEqual(event.target, AuditV1.Target(kind: "service", name: "berth-audit"))
                XCTAssertFalse(event.id.isEmpty)
            }
            let verified = try await env.client(for: .audit).unary(AuditV1.verify, AuditV1.VerifyRequest())
            XCTAssertTrue(verified.ok, verified.detail)
            XCTAssertEqual(verified.eventsChecked, 3)
        }
    }
}
