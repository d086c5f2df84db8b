import BerthStore
import Foundation
import GRDB
import Logging
import XCTest

final class MigrationTests: XCTestCase {
    private let logger = Logger(label: "berth.test")

    private let twoMigrations = [
        Migration(version: 1, name: "create teams", sql: "CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT)"),
        Migration(version: 2, name: "add team owner") { db in
            try db.execute(sql: "ALTER TABLE teams ADD COLUMN owner TEXT")
        },
    ]

    func testMigrationsRunOnceInOrderAndReopenIsANoOp() throws {
        let path = try makeTemporaryDirectory(self) + "/tenancy.db"
        let first = try BerthDatabase.open(path: path, migrations: twoMigrations, logger: logger)
        XCTAssertEqual(first.schemaVersion, 2)
        let recorded = try first.read { db in
            try Row.fetchAll(db, sql: "SELECT version, name, applied_at FROM berth_schema_migrations ORDER BY version")
        }
        XCTAssertEqual(recorded.map { $0["version"] as Int }, [1, 2])
        XCTAssertEqual(recorded.map { $0["name"] as String }, ["create teams", "add team owner"])
        XCTAssertTrue(recorded.allSatisfy { ($0["applied_at"] as String).hasSuffix("Z") })
        try first.write { db in try db.execute(sql: "INSERT INTO teams (name, owner) VALUES ('a', 'x')") }
        try first.close()

        // A migration that would fail if run again proves re-open does not re-run version 1 or 2.
        let second = try BerthDatabase.open(path: path, migrations: twoMigrations, logger: logger)
        XCTAssertEqual(second.schemaVersion, 2)
        XCTAssertEqual(try second.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM teams") }, 1)
        XCTAssertEqual(
            try second.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM berth_schema_migrations") }, 2)
    }

    func testOnlyNewMigrationsRunOnUpgrade() throws {
        let path = try makeTemporaryDirectory(self) + "/tenancy.db"
        try BerthDatabase.open(path: path, migrations: [twoMigrations[0]], logger: logger).close()
        let upgraded = try BerthDatabase.open(path: path, migrations: twoMigrations, logger: logger)
        XCTAssertEqual(upgraded.schemaVersion, 2)
        let columns = try upgraded.read { db in try db.columns(in: "teams").map(\.name) }
        XCTAssertEqual(columns, ["id", "name", "owner"])
    }

    func testDatabaseFromANewerBerthIsRefusedUntouched() throws {
        let path = try makeTemporaryDirectory(self) + "/tenancy.db"
        let newer = twoMigrations + [Migration(version: 3, name: "future", sql: "CREATE TABLE future (id INTEGER)")]
        try BerthDatabase.open(path: path, migrations: newer, logger: logger).close()

        XCTAssertThrowsError(
            try BerthDatabase.open(path: path, migrations: twoMigrations, logger: logger, programName: "berth-tenancy")
        ) { error in
            let storeError = error as? BerthStoreError
            XCTAssertEqual(storeError?.code, .schemaTooNew)
            XCTAssertEqual(
                storeError?.message,
                "tenancy.db is at schema version 3 but this berth-tenancy knows up to 2: it was written by a newer "
                    + "Berth; upgrade Berth or restore a backup")
        }
        let reopened = try BerthDatabase.open(path: path, migrations: newer, logger: logger)
        XCTAssertEqual(reopened.schemaVersion, 3)
    }

    func testFailingMigrationRollsBackAndNamesItself() throws {
        let path = try makeTemporaryDirectory(self) + "/audit.db"
        let broken = twoMigrations + [
            Migration(version: 3, name: "half done") { db in
                try db.execute(sql: "CREATE TABLE partial (id INTEGER)")
                try db.execute(sql: "INSERT INTO no_such_table VALUES (1)")
            }
        ]
        XCTAssertThrowsError(try BerthDatabase.open(path: path, migrations: broken, logger: logger)) { error in
            let storeError = error as? BerthStoreError
            XCTAssertEqual(storeError?.code, .migrationFailed)
            XCTAssertTrue(storeError?.message.hasPrefix("audit.db: migration 3 \"half done\" failed") ?? false)
            XCTAssertTrue(storeError?.message.contains("stays at schema version 2") ?? false, "\(error)")
        }
        // Versions 1 and 2 committed; 3's table and row were rolled back.
        let database = try BerthDatabase.open(path: path, migrations: twoMigrations, logger: logger)
        XCTAssertEqual(database.schemaVersion, 2)
        XCTAssertFalse(try database.read { db in try db.tableExists("partial") })
    }

    func testMisnumberedMigrationListIsRejected() throws {
        let path = try makeTemporaryDirectory(self) + "/sleep.db"
        let gap = [twoMigrations[0], Migration(version: 3, name: "skips two", sql: "SELECT 1")]
        XCTAssertThrowsError(try BerthDatabase.open(path: path, migrations: gap, logger: logger)) { error in
            XCTAssertEqual((error as? BerthStoreError)?.code, .invalidMigrations)
        }
    }
}
