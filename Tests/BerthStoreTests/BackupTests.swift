import BerthStore
import Foundation
import GRDB
import Logging
import Synchronization
import XCTest

final class BackupTests: XCTestCase {
    private let logger = Logger(label: "berth.test")

    /// Every transaction moves one unit between two accounts, so the total is invariant and a torn copy
    /// (half a transaction) shows up as a wrong sum; the ledger row count must match the number of moves.
    func testBackupIsConsistentWhileWritersRun() throws {
        let directory = try makeTemporaryDirectory(self)
        let database = try BerthDatabase.open(
            path: directory + "/audit.db",
            migrations: [
                Migration(
                    version: 1, name: "accounts",
                    sql: """
                        CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
                        CREATE TABLE ledger (id INTEGER PRIMARY KEY AUTOINCREMENT, payload BLOB NOT NULL);
                        INSERT INTO accounts VALUES (1, 1000000), (2, 0);
                        """)
            ], logger: logger)

        let stop = Atomic(false)
        let writes = Atomic(0)
        let writerDone = expectation(description: "writer stopped")
        let writer = Thread {
            while !stop.load(ordering: .relaxed) {
                try? database.write { db in
                    try db.execute(sql: "UPDATE accounts SET balance = balance - 1 WHERE id = 1")
                    try db.execute(sql: "UPDATE accounts SET balance = balance + 1 WHERE id = 2")
                    // Padding makes the database span many pages, so the backup copies while commits land.
                    try db.execute(sql: "INSERT INTO ledger (payload) VALUES (zeroblob(2000))")
                }
                writes.add(1, ordering: .relaxed)
            }
            writerDone.fulfill()
        }
        writer.start()

        // Wait (with a deadline) until the writer has produced a few hundred pages.
        let deadline = Date().addingTimeInterval(20)
        while writes.load(ordering: .relaxed) < 300, Date() < deadline { usleep(1000) }
        XCTAssertGreaterThanOrEqual(writes.load(ordering: .relaxed), 300, "writer made no progress")

        let copies = (1...3).map { directory + "/backup-\($0).db" }
        for copy in copies { try database.backup(to: copy) }
        stop.store(true, ordering: .relaxed)
        wait(for: [writerDone], timeout: 20)

        for copy in copies {
            XCTAssertEqual(try fileMode(copy), 0o600)
            let restored = try DatabaseQueue(path: copy)
            try restored.read { db in
                XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
                let total = try Int.fetchOne(db, sql: "SELECT SUM(balance) FROM accounts")
                let moved = try Int.fetchOne(db, sql: "SELECT balance FROM accounts WHERE id = 2")
                let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger")
                XCTAssertEqual(total, 1_000_000)
                XCTAssertEqual(moved, rows)
                XCTAssertGreaterThan(rows ?? 0, 0)
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT MAX(version) FROM berth_schema_migrations"), 1)
            }
        }
    }

    func testBackupNeverOverwrites() throws {
        let directory = try makeTemporaryDirectory(self)
        let database = try BerthDatabase.open(path: directory + "/identity.db", migrations: [], logger: logger)
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/taken.db", contents: Data("keep".utf8)))
        XCTAssertThrowsError(try database.backup(to: directory + "/taken.db")) { error in
            XCTAssertEqual((error as? BerthStoreError)?.code, .backupFailed)
        }
        XCTAssertEqual(FileManager.default.contents(atPath: directory + "/taken.db"), Data("keep".utf8))
    }
}
