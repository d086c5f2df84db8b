import BerthStore
import GRDB

/// `PolicyStore` on `sleep.db`.
struct SQLitePolicyStore: PolicyStore {
    let database: BerthDatabase

    func set(space: String, sleepAfterSeconds: Int64) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO space_policies (space, sleep_after_seconds) VALUES (?, ?)
                    ON CONFLICT(space) DO UPDATE SET sleep_after_seconds = excluded.sleep_after_seconds
                    """,
                arguments: [space, sleepAfterSeconds])
        }
    }

    func get(space: String) async throws -> Int64? {
        try await database.read { db in
            try Int64.fetchOne(db, sql: "SELECT sleep_after_seconds FROM space_policies WHERE space = ?", arguments: [space])
        }
    }
}
