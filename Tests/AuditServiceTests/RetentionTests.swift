@testable import AuditService
import BerthTesting
import BerthRPC
import Foundation
import Logging
import XCTest

/// Retention drops old events only up to a signed checkpoint, and what remains still verifies.
final class RetentionTests: XCTestCase {
    func testMaxEventsPrunesToACheckpointAndStillVerifies() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 5)
        defer { fixture.remove() }
        try await fixture.appendEvents(23)  // checkpoints at 5, 10, 15, 20
        let pruned = try await fixture.store.prune(RetentionPolicy(maxAge: .zero, maxEvents: 10), sinks: []).pruned
        // Keeping the newest 10 means from 14; the newest checkpoint before 14 is 10.
        XCTAssertEqual(pruned, 10)
        let result = try await fixture.verify()
        XCTAssertTrue(result.ok, result.detail)
        XCTAssertEqual(result.firstSequence, 11)
        XCTAssertEqual(result.headSequence, 23)

        // Appends continue the chain from the same head.
        try await fixture.appendEvents(1)  // id e1 was pruned, so it is new again: sequence 24
        let after = try await fixture.verify()
        XCTAssertTrue(after.ok, after.detail)
        XCTAssertEqual(after.headSequence, 24)
    }

    func testAnAnchorWithoutItsCheckpointIsUnanchored() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 5)
        defer { fixture.remove() }
        try await fixture.appendEvents(12)
        _ = try await fixture.store.prune(RetentionPolicy(maxAge: .zero, maxEvents: 3), sinks: [])
        // Keeping the newest 3 means from 10: pruned up to the checkpoint at 5, which anchors 6.
        try fixture.tamper("DELETE FROM checkpoints WHERE sequence = 5")
        let result = try await fixture.verify()
        XCTAssertEqual(result.problem, .unanchored, result.detail)
        XCTAssertEqual(result.firstBadSequence, 6)
    }

    func testMaxAgeUsesTheInjectedClockAndNeedsACheckpoint() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 0)
        defer { fixture.remove() }
        let base: Int64 = 1_700_000_000_000_000_000
        let hour: Int64 = 3_600_000_000_000
        func append(_ hours: Range<Int>) async throws {
            let round = try hours.map { [try EncodedEvent(AuditStoreFixture.event("t\($0)", time: base + Int64($0) * hour))] }
            for result in try await fixture.store.append(round: round) { _ = try result.get() }
        }
        let policy = RetentionPolicy(maxAge: .seconds(3 * 3600 + 60), maxEvents: 0)
        let maintenance = AuditMaintenance(
            store: fixture.store, interval: .seconds(60), retention: policy, clock: ContinuousClock(),
            logger: Logger(label: "test"))

        try await append(0..<3)  // t0 t1 t2 at 0h 1h 2h
        fixture.now.set(Date(timeIntervalSince1970: 1_700_000_000 + 2 * 3600))
        await maintenance.runOnce()  // checkpoint at 3; nothing is older than 3h1m yet
        try await append(3..<6)  // t3 t4 t5 at 3h 4h 5h
        fixture.now.set(Date(timeIntervalSince1970: 1_700_000_000 + 6 * 3600))
        let beforeCheckpoint = try await fixture.store.prune(RetentionPolicy(maxAge: .seconds(60), maxEvents: 0), sinks: []).pruned
        XCTAssertEqual(beforeCheckpoint, 3, "only up to the checkpoint at 3, though 1…5 are older than a minute")
        await maintenance.runOnce()  // checkpoint at 6; t0…t2 already gone, t3 (3h old) is kept

        let remaining = try await fixture.store.tail(limit: 10).map(\.sequence)
        XCTAssertEqual(remaining, [6, 5, 4])
        let checkpoints = try await fixture.store.checkpoints(after: 0, limit: 10)
        XCTAssertEqual(checkpoints.map(\.sequence), [3, 6])
        XCTAssertEqual(checkpoints.map(\.timeUnixNanos), [base + 2 * hour, base + 6 * hour], "stamped by the injected now")
        let result = try await fixture.verify()
        XCTAssertTrue(result.ok, result.detail)
        XCTAssertEqual(result.firstSequence, 4)
    }

    /// A sink that is behind keeps every event after its cursor, whatever the policy says; the pass logs one
    /// warning naming it; once the sink caught up, retention goes on as the policy asks.
    func testASinkThatIsBehindHoldsRetentionBackAndLosesNothing() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 5)
        defer { fixture.remove() }
        try await fixture.appendEvents(23)  // checkpoints at 5, 10, 15, 20
        try await fixture.store.setSinkCursor("file", to: 23)
        try await fixture.store.setSinkCursor("flaky", to: 7)  // the slow one: down since 7
        let logs = CapturedLogs()
        let maintenance = AuditMaintenance(
            store: fixture.store, interval: .seconds(60), retention: RetentionPolicy(maxAge: .zero, maxEvents: 10),
            sinks: ["file", "flaky", "syslog"], clock: ContinuousClock(), logger: logs.logger())

        // syslog has no cursor yet (0): nothing at all may go.
        let untouched = await maintenance.runOnce()
        XCTAssertEqual(untouched, PruneResult(pruned: 0, heldBackBy: .init(sink: "syslog", cursor: 0, policyKeepsFrom: 14)))
        try await fixture.store.setSinkCursor("syslog", to: 23)

        // The policy keeps from 14 (pruning up to the checkpoint at 10); flaky delivered only up to 7, so only
        // up to the checkpoint at 5 goes.
        let held = await maintenance.runOnce()
        XCTAssertEqual(held, PruneResult(pruned: 5, heldBackBy: .init(sink: "flaky", cursor: 7, policyKeepsFrom: 14)))
        let warnings = logs.all.filter { $0.level == .warning }
        XCTAssertEqual(warnings.count, 2, "one line per pass")
        XCTAssertEqual(warnings.last?.metadata["sink"], "flaky")
        XCTAssertEqual(warnings.last?.metadata["sinkCursor"], "7")
        XCTAssertEqual(warnings.last?.metadata["eventsHeldBack"], "6")

        // The sink comes back and gets everything after its cursor, in order.
        let sink = FlakySink(failures: 0)
        _ = try await drain(pump(sink, fixture, batchSize: 4))
        XCTAssertEqual(sink.delivered, Array(8...23), "nothing after the cursor was pruned")

        let caughtUp = await maintenance.runOnce()
        XCTAssertEqual(caughtUp, PruneResult(pruned: 5), "up to the checkpoint at 10, as the policy asks")
        XCTAssertEqual(logs.all.filter { $0.level == .warning }.count, 2, "no warning once nobody holds it back")
        let result = try await fixture.verify()
        XCTAssertTrue(result.ok, result.detail)
        XCTAssertEqual(result.firstSequence, 11)
    }
}
