import BerthAuditChain
import BerthRPC
import BerthStore
import Foundation
import GRDB

/// `AuditStore` on `audit.db`. Each event is stored as its protobuf encoding (the canonical form the hash chain
/// covers), its place in the chain, and its filterable fields as indexed columns.
struct SQLiteAuditStore: AuditStore {
    let database: BerthDatabase
    let signer: CheckpointSigner
    /// A checkpoint after this many events (0: only the time-based trigger).
    let checkpointEvery: Int

    func append(round: [[EncodedEvent]]) async throws -> [Result<[AppendOutcome], any Error>] {
        let signer = self.signer
        let every = UInt64(max(checkpointEvery, 0))
        return try await database.write { db in
            var head = try Self.head(db)
            var results: [Result<[AppendOutcome], any Error>] = []
            for batch in round {
                let before = head
                do {
                    var outcomes: [AppendOutcome] = []
                    try db.inSavepoint {
                        for event in batch {
                            if let existing = try Int64.fetchOne(
                                db, sql: "SELECT sequence FROM events WHERE id = ?", arguments: [event.id])
                            {
                                outcomes.append(AppendOutcome(sequence: UInt64(existing), duplicate: true))
                                continue
                            }
                            let sequence = head.sequence + 1
                            let hash = try AuditChain.hash(previous: head.hash, sequence: sequence, event: event.bytes)
                            try Self.insert(db, event, sequence: sequence, previous: head.hash, hash: hash)
                            head = (sequence, hash)
                            outcomes.append(AppendOutcome(sequence: sequence, duplicate: false))
                        }
                        return .commit
                    }
                    results.append(.success(outcomes))
                } catch {
                    head = before
                    results.append(.failure(error))
                }
            }
            if every > 0, head.sequence > 0, head.sequence - (try Self.lastCheckpointSequence(db)) >= every {
                try Self.writeCheckpoint(db, sequence: head.sequence, hash: head.hash, signer: signer)
            }
            return results
        }
    }

    func tail(limit: Int) async throws -> [AuditV1.Record] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT sequence, event, previous_hash, hash FROM events ORDER BY sequence DESC LIMIT ?",
                arguments: [limit]
            ).map(Self.record)
        }
    }

    func query(_ query: AuditQuery) async throws -> (records: [AuditV1.Record], more: Bool) {
        let (sql, arguments) = query.sql(limit: query.pageSize + 1)
        let rows = try await database.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.record) }
        return (Array(rows.prefix(query.pageSize)), rows.count > query.pageSize)
    }

    func checkpoints(after sequence: UInt64, limit: Int) async throws -> [AuditV1.Checkpoint] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sequence, head_hash, time_unix_nanos, signature, key_id FROM checkpoints
                    WHERE sequence > ? ORDER BY sequence LIMIT ?
                    """,
                arguments: [Int64(clamping: sequence), limit]
            ).map { row in
                AuditV1.Checkpoint(
                    sequence: UInt64(row["sequence"] as Int64), headHash: row["head_hash"],
                    timeUnixNanos: row["time_unix_nanos"], signature: row["signature"], keyId: row["key_id"])
            }
        }
    }

    func checkpointIfBehind() async throws -> AuditV1.Checkpoint? {
        let signer = self.signer
        return try await database.write { db in
            let head = try Self.head(db)
            guard head.sequence > 0, head.sequence > (try Self.lastCheckpointSequence(db)) else { return nil }
            return try Self.writeCheckpoint(db, sequence: head.sequence, hash: head.hash, signer: signer)
        }
    }

    func prune(_ policy: RetentionPolicy) async throws -> Int {
        guard policy.isActive else { return 0 }
        let now = signer.now()
        return try await database.write { db in
            let head = try Self.head(db).sequence
            var keepFrom: UInt64 = 0  // the first sequence the policy keeps; 0: all
            if policy.maxEvents > 0, head > UInt64(policy.maxEvents) {
                keepFrom = head - UInt64(policy.maxEvents) + 1
            }
            if let cutoff = policy.cutoffUnixNanos(now: now),
                let newestExpired = try Int64.fetchOne(
                    db, sql: "SELECT MAX(sequence) FROM events WHERE time_unix_nanos < ?", arguments: [cutoff])
            {
                keepFrom = max(keepFrom, UInt64(newestExpired) + 1)
            }
            guard keepFrom > 1 else { return 0 }
            // Prune only up to a signed checkpoint: its hash anchors the first kept event.
            guard
                let anchor = try Row.fetchOne(
                    db, sql: "SELECT sequence, head_hash FROM checkpoints WHERE sequence < ? ORDER BY sequence DESC LIMIT 1",
                    arguments: [Int64(clamping: keepFrom)])
            else { return 0 }
            let anchorSequence: Int64 = anchor["sequence"]
            try db.execute(sql: "DELETE FROM events WHERE sequence <= ?", arguments: [anchorSequence])
            let deleted = db.changesCount
            try db.execute(
                sql: "INSERT OR REPLACE INTO chain_anchor (id, sequence, hash) VALUES (1, ?, ?)",
                arguments: [anchorSequence, anchor["head_hash"] as Data])
            return deleted
        }
    }

    func sinkCursor(_ name: String) async throws -> UInt64 {
        try await database.read { db in
            UInt64(try Int64.fetchOne(db, sql: "SELECT sequence FROM sink_cursors WHERE name = ?", arguments: [name]) ?? 0)
        }
    }

    func setSinkCursor(_ name: String, to sequence: UInt64) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO sink_cursors (name, sequence) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET sequence = excluded.sequence",
                arguments: [name, Int64(clamping: sequence)])
        }
    }

    func verify() async throws -> AuditV1.VerifyResponse {
        let verifier = AuditVerifier(publicKey: signer.key.publicKey)
        return try await database.read { db in try verifier.verify(db) }
    }
}

extension SQLiteAuditStore {
    static func head(_ db: Database) throws -> (sequence: UInt64, hash: [UInt8]) {
        if let row = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1") {
            return (UInt64(row["sequence"] as Int64), [UInt8](row["hash"] as Data))
        }
        // Everything pruned (or nothing yet): the chain continues from the anchor.
        if let anchor = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM chain_anchor WHERE id = 1") {
            return (UInt64(anchor["sequence"] as Int64), [UInt8](anchor["hash"] as Data))
        }
        return (0, AuditChain.genesis)
    }

    static func lastCheckpointSequence(_ db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM checkpoints") ?? 0)
    }

    static func insert(_ db: Database, _ event: EncodedEvent, sequence: UInt64, previous: [UInt8], hash: [UInt8]) throws {
        try db.execute(
            sql: """
                INSERT INTO events (sequence, id, time_unix_nanos, action, event, previous_hash, hash, action_noun,
                    actor_subject, actor_username, target_kind, target_name, team, space, cluster, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                Int64(sequence), event.id, event.timeUnixNanos, event.action, Data(event.bytes), Data(previous),
                Data(hash), event.actionNoun, event.actorSubject, event.actorUsername, event.targetKind,
                event.targetName, event.team, event.space, event.cluster, event.outcome,
            ])
    }

    @discardableResult
    static func writeCheckpoint(_ db: Database, sequence: UInt64, hash: [UInt8], signer: CheckpointSigner) throws
        -> AuditV1.Checkpoint
    {
        let checkpoint = try signer.sign(sequence: sequence, headHash: hash)
        try db.execute(
            sql: """
                INSERT INTO checkpoints (sequence, head_hash, time_unix_nanos, signature, key_id)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                Int64(sequence), checkpoint.headHash, checkpoint.timeUnixNanos, checkpoint.signature, checkpoint.keyId,
            ])
        return checkpoint
    }

    static func record(_ row: Row) throws -> AuditV1.Record {
        let bytes: Data = row["event"]
        return AuditV1.Record(
            sequence: UInt64(row["sequence"] as Int64),
            event: try ProtoCodec.decode(AuditV1.Event.self, from: [UInt8](bytes)),
            hash: row["hash"], previousHash: row["previous_hash"])
    }
}
