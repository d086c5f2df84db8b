import BerthStore
import Foundation
import GRDB

/// One time a space slept: from when to when (nil: still asleep), and what it did not request meanwhile.
struct SleepPeriod: Sendable, Equatable {
    var cluster: String
    var namespace: String
    var team: String
    var sleptAt: Date
    var wokeAt: Date?
    var cpuMillis: Int64
    var memoryBytes: Int64
}

/// The asleep periods in `sleep.db` (`sleep_periods`, migration 4).
///
/// Contract: `open` starts a period unless one is open for the space already (a finished interrupted sleep does
/// not open a second); `close` ends the open period, if any; `periods(overlapping:)` returns every period that
/// was asleep at some instant after `since`.
struct SavingsStore: Sendable {
    let database: BerthDatabase

    func open(cluster: String, namespace: String, team: String, at date: Date, cpuMillis: Int64, memoryBytes: Int64) async throws {
        try await database.write { db in
            let open = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM sleep_periods WHERE cluster = ? AND namespace = ? AND woke_at_unix IS NULL",
                arguments: [cluster, namespace]) ?? 0
            guard open == 0 else { return }
            try db.execute(
                sql: """
                    INSERT INTO sleep_periods (cluster, namespace, team, slept_at_unix, cpu_millis, memory_bytes)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [cluster, namespace, team, Int64(date.timeIntervalSince1970), cpuMillis, memoryBytes])
        }
    }

    func close(cluster: String, namespace: String, at date: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE sleep_periods SET woke_at_unix = ? WHERE cluster = ? AND namespace = ? AND woke_at_unix IS NULL",
                arguments: [Int64(date.timeIntervalSince1970), cluster, namespace])
        }
    }

    func periods(since: Date) async throws -> [SleepPeriod] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT cluster, namespace, team, slept_at_unix, woke_at_unix, cpu_millis, memory_bytes FROM sleep_periods
                    WHERE woke_at_unix IS NULL OR woke_at_unix > ? ORDER BY id
                    """,
                arguments: [Int64(since.timeIntervalSince1970)]
            ).map { row in
                let woke: Int64? = row["woke_at_unix"]
                return SleepPeriod(
                    cluster: row["cluster"], namespace: row["namespace"], team: row["team"],
                    sleptAt: Date(timeIntervalSince1970: TimeInterval(row["slept_at_unix"] as Int64)),
                    wokeAt: woke.map { Date(timeIntervalSince1970: TimeInterval($0)) }, cpuMillis: row["cpu_millis"],
                    memoryBytes: row["memory_bytes"])
            }
        }
    }
}
