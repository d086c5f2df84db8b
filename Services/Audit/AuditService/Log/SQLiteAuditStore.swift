import BerthRPC
import BerthStore
import Foundation
import GRDB

/// `AuditStore` on `audit.db`. Each event is stored as its protobuf encoding (the canonical form the hash chain
/// covers) together with its place in the chain.
struct SQLiteAuditStore: AuditStore {
    let database: BerthDatabase

    func append(_ events: [AuditV1.Event]) async throws -> [(sequence: UInt64, duplicate: Bool)] {
        let encoded = try events.map { (event: $0, bytes: try ProtoCodec.encode($0)) }
        return try await database.write { db in
            var results: [(sequence: UInt64, duplicate: Bool)] = []
            let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1")
            var sequence = UInt64(head?["sequence"] as Int64? ?? 0)
            var previous = (head?["hash"] as Data?).map { [UInt8]($0) } ?? AuditChain.genesis
            for (event, bytes) in encoded {
                if let existing = try Int64.fetchOne(
                    db, sql: "SELECT sequence FROM events WHERE id = ?", arguments: [event.id])
                {
                    results.append((UInt64(existing), true))
                    continue
                }
                sequence += 1
                let hash = try AuditChain.hash(previous: previous, sequence: sequence, event: bytes)
                try db.execute(
                    sql: """
                        INSERT INTO events (sequence, id, time_unix_nanos, action, event, previous_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        Int64(sequence), event.id, event.timeUnixNanos, event.action, Data(bytes), Data(previous),
                        Data(hash),
                    ])
                previous = hash
                results.append((sequence, false))
            }
            return results
        }
    }

    func tail(limit: Int) async throws -> [AuditV1.Record] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT sequence, event, previous_hash, hash FROM events ORDER BY sequence DESC LIMIT ?",
                arguments: [limit]
            ).map { row in
                let bytes: Data = row["event"]
                return AuditV1.Record(
                    sequence: UInt64(row["sequence"] as Int64),
                    event: try ProtoCodec.decode(AuditV1.Event.self, from: [UInt8](bytes)),
                    hash: row["hash"], previousHash: row["previous_hash"])
            }
        }
    }
}
