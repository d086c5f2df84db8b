import BerthRPC
import BerthStore
import GRDB

/// `ActivityStore` on `sleep.db` (`namespace_activity`).
struct SQLiteActivityStore: ActivityStore {
    let database: BerthDatabase

    func record(_ activities: [SleepV1.Activity]) async throws -> Int {
        try await database.write { db in
            var updated = 0
            for activity in activities {
                // The WHERE of the upsert keeps the maximum: an older report changes nothing (0 rows).
                try db.execute(
                    sql: """
                        INSERT INTO namespace_activity (cluster, namespace, last_time_unix_nanos, kind)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (cluster, namespace) DO UPDATE
                            SET last_time_unix_nanos = excluded.last_time_unix_nanos, kind = excluded.kind
                            WHERE excluded.last_time_unix_nanos > namespace_activity.last_time_unix_nanos
                        """,
                    arguments: [activity.cluster, activity.namespace, activity.timeUnixNanos, activity.kind])
                updated += db.changesCount
            }
            return updated
        }
    }

    func last(cluster: String, namespace: String) async throws -> SleepV1.Activity? {
        try await database.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT last_time_unix_nanos, kind FROM namespace_activity WHERE cluster = ? AND namespace = ?
                    """,
                arguments: [cluster, namespace]
            ).map { row in
                SleepV1.Activity(
                    cluster: cluster, namespace: namespace, timeUnixNanos: row["last_time_unix_nanos"],
                    kind: row["kind"])
            }
        }
    }
}
