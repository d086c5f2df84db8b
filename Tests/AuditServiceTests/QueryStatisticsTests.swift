@testable import AuditService
import BerthRPC
import GRDB
import XCTest

/// Planner statistics are gathered once the log is big enough and again each time it doubled, and the read
/// connections (which serve `Query`) see them.
final class QueryStatisticsTests: XCTestCase {
    func append(_ fixture: AuditStoreFixture, _ ids: ClosedRange<Int>) async throws {
        let batch = try ids.map { try EncodedEvent(AuditStoreFixture.event("s\($0)", username: "u\($0 % 20)")) }
        _ = try await fixture.store.append(round: [batch])[0].get()
    }

    /// Without statistics SQLite walks the action_noun index (every event here is a `space.` one).
    static let actorAndNoun = """
        SELECT sequence FROM events WHERE (actor_subject = 'u1' OR actor_username = 'u1') AND action_noun = 'space'
        ORDER BY sequence DESC LIMIT 101
        """

    func testAnalyzesWhenBigEnoughAndAgainWhenDoubled() async throws {
        let fixture = try AuditStoreFixture(checkpointEvery: 0)
        defer { fixture.remove() }
        let statistics = QueryStatistics(database: fixture.database, minimumEvents: 100)
        try await append(fixture, 1...50)
        let before = try await fixture.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.actorAndNoun).map { $0["detail"] as String }.joined(separator: " | ")
        }
        XCTAssertFalse(before.contains("MULTI-INDEX OR"), before)
        let small = try await statistics.refreshIfDue()
        XCTAssertNil(small, "50 events: not worth it")
        try await append(fixture, 51...110)
        let first = try await statistics.refreshIfDue()
        XCTAssertEqual(first, 110)
        let plan = try await fixture.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.actorAndNoun).map { $0["detail"] as String }.joined(separator: " | ")
        }
        XCTAssertTrue(plan.contains("MULTI-INDEX OR"), "the read connections plan with the statistics: \(plan)")
        try await append(fixture, 111...200)
        let notYet = try await statistics.refreshIfDue()
        XCTAssertNil(notYet, "200 < 2 × 110")
        try await append(fixture, 201...220)
        let doubled = try await statistics.refreshIfDue()
        XCTAssertEqual(doubled, 220)
    }
}
