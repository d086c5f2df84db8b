import Foundation
import GRDB

/// Applies `Migration`s in order and records each in `berth_schema_migrations (version, name, applied_at)`.
///
/// Why not GRDB's `DatabaseMigrator`: Berth needs the version number (not only an identifier) to refuse a
/// database written by a newer Berth, and a table an operator can read with `sqlite3` during an incident.
struct SchemaMigrator {
    static let table = "berth_schema_migrations"

    let migrations: [Migration]
    /// `tenancy.db`: how errors name the database.
    let databaseName: String
    /// `berth-tenancy`: how errors name the program (for "this berth-tenancy knows up to 5").
    let programName: String
    let now: @Sendable () -> Date

    /// Checks the list itself: versions 1, 2, 3… with no gap or repeat.
    func validate() throws {
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw BerthStoreError(
                code: .invalidMigrations,
                message: "\(databaseName): migration \"\(migration.name)\" has version \(migration.version) but is "
                    + "number \(index + 1) in the list: number migrations 1, 2, 3… in order, without gaps")
        }
    }

    /// The highest applied version (0 for a new database).
    static func currentVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(version), 0) FROM \(table)") ?? 0
    }

    /// Runs every migration newer than the database; returns the versions applied.
    func migrate(_ writer: any DatabaseWriter) throws -> [Int] {
        try validate()
        return try writer.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS \(Self.table) (
                        version INTEGER PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    )
                    """)
            let current = try Self.currentVersion(db)
            let known = migrations.last?.version ?? 0
            if current > known {
                throw BerthStoreError(
                    code: .schemaTooNew,
                    message: "\(databaseName) is at schema version \(current) but this \(programName) knows up to "
                        + "\(known): it was written by a newer Berth; upgrade Berth or restore a backup")
            }
            var applied: [Int] = []
            for migration in migrations where migration.version > current {
                do {
                    try db.inTransaction {
                        try migration.apply(db)
                        try db.execute(
                            sql: "INSERT INTO \(Self.table) (version, name, applied_at) VALUES (?, ?, ?)",
                            arguments: [migration.version, migration.name, Self.timestamp(now())])
                        return .commit
                    }
                } catch {
                    throw BerthStoreError(
                        code: .migrationFailed,
                        message: "\(databaseName): migration \(migration.version) \"\(migration.name)\" failed and "
                            + "was rolled back (\(error)); the database stays at schema version "
                            + "\(applied.last ?? current): fix the migration, or restore a backup if the data is at fault",
                        underlying: error)
                }
                applied.append(migration.version)
            }
            return applied
        }
    }

    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
