import BerthStore
import Foundation
import GRDB
import Logging
import XCTest

final class DatabaseSettingsTests: XCTestCase {
    private let logger = Logger(label: "berth.test")
    private let schema = [Migration(version: 1, name: "kv", sql: "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)")]

    func testWALAndFullSynchronousByDefault() throws {
        let database = try BerthDatabase.open(
            path: try makeTemporaryDirectory(self) + "/audit.db", migrations: schema, logger: logger)
        let (journal, synchronous, foreignKeys) = try database.pool.writeWithoutTransaction { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        XCTAssertEqual(journal, "wal")
        XCTAssertEqual(synchronous, 2, "2 is FULL")
        XCTAssertEqual(foreignKeys, 1)
        XCTAssertEqual(try database.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }, 1)
    }

    func testNormalSynchronousAndBusyTimeoutAreApplied() throws {
        let database = try BerthDatabase.open(
            path: try makeTemporaryDirectory(self) + "/sleep.db", migrations: schema, synchronous: .normal,
            busyTimeout: .milliseconds(1500), logger: logger)
        let (synchronous, busy) = try database.pool.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        XCTAssertEqual(synchronous, 1, "1 is NORMAL")
        XCTAssertEqual(busy, 1500)
    }

    func testDatabaseAndWALFilesAreOwnerOnly() throws {
        let directory = try makeTemporaryDirectory(self)
        let previous = umask(0o022)  // a typical umask would leave 0644 without Berth's care
        defer { umask(previous) }
        let database = try BerthDatabase.open(path: directory + "/identity.db", migrations: schema, logger: logger)
        try database.write { db in try db.execute(sql: "INSERT INTO kv VALUES ('a', 'b')") }
        XCTAssertEqual(try fileMode(directory + "/identity.db"), 0o600)
        XCTAssertEqual(try fileMode(directory + "/identity.db-wal"), 0o600)
    }

    func testForeignKeysAreEnforced() throws {
        let database = try BerthDatabase.open(
            path: try makeTemporaryDirectory(self) + "/tenancy.db",
            migrations: [
                Migration(
                    version: 1, name: "teams and spaces",
                    sql: """
                        CREATE TABLE teams (id INTEGER PRIMARY KEY);
                        CREATE TABLE spaces (id INTEGER PRIMARY KEY, team INTEGER NOT NULL REFERENCES teams(id));
                        """)
            ], logger: logger)
        XCTAssertThrowsError(
            try database.write { db in try db.execute(sql: "INSERT INTO spaces (id, team) VALUES (1, 99)") })
    }

    func testUnopenableFileNamesThePath() throws {
        let path = try makeTemporaryDirectory(self) + "/missing-dir/audit.db"
        XCTAssertThrowsError(try BerthDatabase.open(path: path, migrations: schema, logger: logger)) { error in
            XCTAssertEqual((error as? BerthStoreError)?.code, .cannotOpen)
            XCTAssertTrue("\(error)".contains(path))
        }
    }
}
