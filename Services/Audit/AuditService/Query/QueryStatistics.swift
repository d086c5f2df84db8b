import BerthStore
import GRDB

/// SQLite's query planner statistics for `events` (`ANALYZE`), kept fresh as the log grows.
///
/// Without statistics SQLite guesses that every equality matches about ten rows, so for `actor = X AND action
/// prefix space.` it walks the `action_noun` index (an eighth of the log) instead of the two actor indexes, and
/// for `time window AND outcome` it walks `events_outcome` instead of the time range: measured on 1,000,000
/// events, 200 ms and 90 ms instead of 2 ms and 1 ms. `ANALYZE` costs about 1 s per million events (it holds the
/// write lock meanwhile), so it runs only when the log has no statistics yet (and holds at least
/// `minimumEvents`) or has doubled since the last analysis: a handful of times over the life of a log.
/// Read-only connections load statistics when they open, so they are reopened after an analysis.
struct QueryStatistics: Sendable {
    let database: BerthDatabase
    var minimumEvents: Int64 = 10_000

    /// Analyzes `events` when due; returns the event count it analyzed, nil when it was not due.
    func refreshIfDue() async throws -> Int64? {
        let minimum = minimumEvents
        let due = try await database.read { db -> Bool in
            // The chain has no gaps (pruning removes a prefix): the count without a scan.
            let events = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence) - MIN(sequence) + 1, 0) FROM events") ?? 0
            return try Self.analyzedEvents(db).map { events >= 2 * max($0, 1) } ?? (events >= minimum)
        }
        guard due else { return nil }
        let analyzed = try await database.write { db -> Int64 in
            try db.execute(sql: "ANALYZE events")
            return try Self.analyzedEvents(db) ?? 0
        }
        database.pool.invalidateReadOnlyConnections()
        return analyzed
    }

    /// The event count of the last analysis (the first number of `events`' rows in `sqlite_stat1`), nil if none.
    static func analyzedEvents(_ db: Database) throws -> Int64? {
        guard try db.tableExists("sqlite_stat1") else { return nil }
        let stat = try String.fetchOne(db, sql: "SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' LIMIT 1")
        return stat.flatMap { $0.split(separator: " ").first }.flatMap { Int64($0) }
    }
}
