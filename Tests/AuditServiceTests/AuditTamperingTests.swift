@testable import AuditService
import BerthAuditChain
import BerthCrypto
import BerthRPC
import Foundation
import GRDB
import XCTest

/// Each kind of tampering with `audit.db` is detected at the right sequence, for the right reason.
final class AuditTamperingTests: XCTestCase {
    /// 20 events, checkpoints at 5, 10, 15, 20.
    func fixture() async throws -> AuditStoreFixture {
        let fixture = try AuditStoreFixture(checkpointEvery: 5)
        try await fixture.appendEvents(20)
        let clean = try await fixture.verify()
        XCTAssertTrue(clean.ok, clean.detail)
        XCTAssertEqual(clean.eventsChecked, 20)
        XCTAssertEqual(clean.checkpointsChecked, 4)
        return fixture
    }

    func assertProblem(
        _ fixture: AuditStoreFixture, _ problem: AuditV1.VerifyProblem, at sequence: UInt64,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let result = try await fixture.verify()
        XCTAssertFalse(result.ok, "tampering not detected", file: file, line: line)
        XCTAssertEqual(result.problem, problem, result.detail, file: file, line: line)
        XCTAssertEqual(result.firstBadSequence, sequence, result.detail, file: file, line: line)
    }

    func testEditedEventBytesAreModified() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        var event = AuditStoreFixture.event("e7")
        event.details = ["template": "tampered"]
        try fixture.tamper("UPDATE events SET event = ? WHERE sequence = 7", [Data(try ProtoCodec.encode(event))])
        try await assertProblem(fixture, .modified, at: 7)
    }

    func testDeletedRowIsAGap() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        try fixture.tamper("DELETE FROM events WHERE sequence = 7")
        try await assertProblem(fixture, .deleted, at: 7)
    }

    func testDeletedTailBeforeACheckpointIsDetected() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        try fixture.tamper("DELETE FROM events WHERE sequence > 17")
        try await assertProblem(fixture, .deleted, at: 18)
    }

    func testSwappedEventBytesAreReordered() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        try fixture.tamper(
            """
            UPDATE events SET event = CASE sequence WHEN 7 THEN (SELECT event FROM events WHERE sequence = 8)
                ELSE (SELECT event FROM events WHERE sequence = 7) END WHERE sequence IN (7, 8)
            """)
        try await assertProblem(fixture, .reordered, at: 7)
    }

    func testSwappedRowsAreReordered() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        try fixture.tamper("UPDATE events SET sequence = -1 WHERE sequence = 7")
        try fixture.tamper("UPDATE events SET sequence = 7 WHERE sequence = 8")
        try fixture.tamper("UPDATE events SET sequence = 8 WHERE sequence = -1")
        try await assertProblem(fixture, .reordered, at: 7)
    }

    func testInsertedRowIsInserted() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        // Shift 7… up by one (from the top, so the primary key never collides) and put a forged event at 7.
        for sequence in stride(from: 20, through: 7, by: -1) {
            try fixture.tamper("UPDATE events SET sequence = ? WHERE sequence = ?", [sequence + 1, sequence])
        }
        let forged = Data(try ProtoCodec.encode(AuditStoreFixture.event("forged")))
        try fixture.tamper(
            """
            INSERT INTO events (sequence, id, time_unix_nanos, action, event, previous_hash, hash)
            SELECT 7, 'forged', 0, 'space.created', ?, hash, randomblob(32) FROM events WHERE sequence = 6
            """, [forged])
        try await assertProblem(fixture, .inserted, at: 7)
    }

    func testCheckpointResignedWithAnotherKeyIsABadSignature() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let other = try ECPrivateKey.generate()
        let fetched = try fixture.database.read { db in
            try Row.fetchOne(db, sql: "SELECT head_hash, time_unix_nanos FROM checkpoints WHERE sequence = 10")
        }
        let row = try XCTUnwrap(fetched)
        let statement = CheckpointStatement(
            sequence: 10, headHash: [UInt8](row["head_hash"] as Data), timeUnixNanos: row["time_unix_nanos"])
        try fixture.tamper(
            "UPDATE checkpoints SET signature = ? WHERE sequence = 10", [Data(try statement.sign(with: other))])
        try await assertProblem(fixture, .badSignature, at: 10)
    }

    func testConsistentRewriteIsCaughtByTheNextCheckpoint() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        // Rewrite event 7 and recompute every hash after it: the chain is self-consistent again, but the signed
        // checkpoint at 10 still names the old head.
        var event = AuditStoreFixture.event("e7")
        event.reason = "rewritten"
        try fixture.tamper("UPDATE events SET event = ? WHERE sequence = 7", [Data(try ProtoCodec.encode(event))])
        try await fixture.database.write { db in
            var previous = [UInt8](try Data.fetchOne(db, sql: "SELECT hash FROM events WHERE sequence = 6") ?? Data())
            for sequence in 7...20 {
                let bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT event FROM events WHERE sequence = ?", arguments: [sequence]) ?? Data())
                let hash = try AuditChain.hash(previous: previous, sequence: UInt64(sequence), event: bytes)
                try db.execute(
                    sql: "UPDATE events SET previous_hash = ?, hash = ? WHERE sequence = ?",
                    arguments: [Data(previous), Data(hash), sequence])
                previous = hash
            }
        }
        try await assertProblem(fixture, .checkpointMismatch, at: 10)
    }

    func testOfflineVerifyOfABackupCopyWithThePublicKeyFile() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let copy = fixture.directory.appending("copy.db")
        try fixture.database.backup(to: copy)
        let publicKey = try ECPublicKey(pem: fixture.signer.publicKeyPem)
        let clean = try AuditVerifier(publicKey: publicKey).verify(databaseAt: copy)
        XCTAssertTrue(clean.ok, clean.detail)
        XCTAssertEqual(clean.headSequence, 20)

        let stranger = try ECPrivateKey.generate().publicKey
        let wrongKey = try AuditVerifier(publicKey: stranger).verify(databaseAt: copy)
        XCTAssertEqual(wrongKey.problem, .badSignature)
        XCTAssertEqual(wrongKey.firstBadSequence, 5)

        XCTAssertThrowsError(try AuditVerifier(publicKey: publicKey).verify(databaseAt: fixture.directory.appending("none.db")))
    }
}
