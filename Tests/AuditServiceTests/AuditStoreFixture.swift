@testable import AuditService
import BerthAuditChain
import BerthCrypto
import BerthRPC
import BerthStore
import BerthTesting
import Foundation
import GRDB
import Logging

/// A real `audit.db` in a temp dir with the service's migrations, store and a fresh signing key.
struct AuditStoreFixture {
    let directory: TemporaryDirectory
    let database: BerthDatabase
    let signer: CheckpointSigner
    let store: SQLiteAuditStore
    let now: TestNow

    init(checkpointEvery: Int = 5) throws {
        directory = try TemporaryDirectory(prefix: "audit")
        database = try BerthDatabase.open(
            path: directory.appending("audit.db"), migrations: AuditMigrations.all, synchronous: .normal,
            logger: Logger(label: "test"))
        let now = TestNow()
        self.now = now
        signer = try CheckpointSigner(key: try ECPrivateKey.generate(), now: { now.date })
        store = SQLiteAuditStore(database: database, signer: signer, checkpointEvery: checkpointEvery)
    }

    static func event(
        _ id: String, action: String = "space.created", time: Int64 = 1_700_000_000_000_000_000,
        username: String = "alice", team: String = "payments", space: String = "dev-1", outcome: AuditV1.Outcome = .allowed
    ) -> AuditV1.Event {
        AuditV1.Event(
            id: id, timeUnixNanos: time,
            actor: AuditV1.Actor(subject: "sub-\(username)", username: username, groups: ["dev"]), action: action,
            target: AuditV1.Target(kind: "space", name: space, team: team, space: space, cluster: "c1"),
            outcome: outcome, details: ["template": "default"])
    }

    /// Appends `count` events `e1`…`eN`, one batch each.
    func appendEvents(_ count: Int) async throws {
        for index in 1...count {
            let results = try await store.append(round: [[try EncodedEvent(Self.event("e\(index)"))]])
            _ = try results[0].get()
        }
    }

    func verify() async throws -> AuditV1.VerifyResponse { try await store.verify() }

    /// Raw SQL on the file, as an attacker with write access would do it.
    func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        try database.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    func remove() { directory.remove() }
}

/// A settable `now` for the store's checkpoint times and retention cutoffs.
final class TestNow: Sendable {
    private let box = LockedValue(Date(timeIntervalSince1970: 1_700_000_000))
    var date: Date { box.value }
    func set(_ date: Date) { box.value = date }
}

/// A lock-protected box.
final class LockedValue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
