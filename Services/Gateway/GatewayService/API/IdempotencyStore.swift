import BerthStore
import Foundation
import GRDB
import Logging

/// Remembers the answers to `POST`s sent with an `Idempotency-Key`, in `<stateDir>/gateway.db` (SQLite, WAL), so
/// a client that retries after a lost answer, or after a gateway crash, gets the first answer instead of a
/// second space. Keys are scoped per caller (token subject) and kept for `ttl`.
///
/// Contract: `begin` atomically claims (caller, key); a claim left by a crash or a 5xx is released by `abandon`
/// (or expires with the TTL). Same key + same method, path and body → `.replay` of the stored answer; same key
/// + anything different → `.mismatch`; a claim whose first request is still running → `.inProgress`.
final class IdempotencyStore: Sendable {
    enum Claim: Equatable {
        case new
        case replay(StoredReply)
        case mismatch
        case inProgress
    }

    struct StoredReply: Equatable, Sendable {
        let status: Int
        let contentType: String
        let location: String?
        let body: Data
    }

    static let migrations = [
        Migration(
            version: 1, name: "idempotency keys",
            sql: """
                CREATE TABLE idempotency_key (
                    caller TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint BLOB NOT NULL,
                    created_unix INTEGER NOT NULL,
                    status INTEGER,
                    content_type TEXT,
                    location TEXT,
                    body BLOB,
                    PRIMARY KEY (caller, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_key_created ON idempotency_key (created_unix);
                """)
    ]

    let database: BerthDatabase
    let ttlSeconds: Int64
    private let now: @Sendable () -> Int64

    init(database: BerthDatabase, ttlSeconds: Int64 = 24 * 3600, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.ttlSeconds = ttlSeconds
        self.now = now
    }

    static func open(
        path: String, logger: Logger, ttlSeconds: Int64, now: @escaping @Sendable () -> Int64
    ) throws -> IdempotencyStore {
        // A lost key costs at most a duplicate on a retry after power loss: NORMAL durability is enough here.
        let database = try BerthDatabase.open(
            path: path, migrations: migrations, synchronous: .normal, logger: logger, programName: "berth-gateway")
        return IdempotencyStore(database: database, ttlSeconds: ttlSeconds, now: now)
    }

    func begin(caller: String, key: String, fingerprint: Data) async throws -> Claim {
        let time = now()
        let expired = time - ttlSeconds
        return try await database.write { db in
            try db.execute(sql: "DELETE FROM idempotency_key WHERE created_unix <= ?", arguments: [expired])
            if let row = try Row.fetchOne(
                db, sql: "SELECT * FROM idempotency_key WHERE caller = ? AND key = ?", arguments: [caller, key])
            {
                let stored: Data = row["fingerprint"]
                guard stored == fingerprint else { return .mismatch }
                guard let status: Int = row["status"] else { return .inProgress }
                return .replay(
                    StoredReply(status: status, contentType: row["content_type"] ?? "application/json",
                        location: row["location"], body: row["body"] ?? Data()))
            }
            try db.execute(
                sql: "INSERT INTO idempotency_key (caller, key, fingerprint, created_unix) VALUES (?, ?, ?, ?)",
                arguments: [caller, key, fingerprint, time])
            return .new
        }
    }

    func finish(caller: String, key: String, reply: StoredReply) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE idempotency_key SET status = ?, content_type = ?, location = ?, body = ?
                    WHERE caller = ? AND key = ?
                    """,
                arguments: [reply.status, reply.contentType, reply.location, reply.body, caller, key])
        }
    }

    func abandon(caller: String, key: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM idempotency_key WHERE caller = ? AND key = ?", arguments: [caller, key])
        }
    }
}
