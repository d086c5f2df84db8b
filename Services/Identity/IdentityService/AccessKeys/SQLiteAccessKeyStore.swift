import BerthStore
import GRDB

/// `AccessKeyStore` on identity.db (`access_keys`, migration 5). Scopes are stored space-separated (no scope
/// contains a space: `AccessKeyScope` refuses whitespace).
public struct SQLiteAccessKeyStore: AccessKeyStore {
    let database: BerthDatabase

    public init(database: BerthDatabase) { self.database = database }

    private static let select = """
        SELECT k.*, u.username AS owner_username FROM access_keys k JOIN users u ON u.id = k.user_id
        """

    public func create(_ key: StoredAccessKey) throws(IdentityError) {
        do {
            try database.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [key.userID]) ?? false
                else {
                    throw IdentityError(
                        code: .notFound, message: "user \"\(key.userID)\" does not exist: give an existing user")
                }
                try db.execute(
                    sql: """
                        INSERT INTO access_keys (id, user_id, name, scopes, secret_sha256, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        key.id, key.userID, key.name, key.scopes.joined(separator: " "), key.secretSHA256,
                        key.createdAt, key.expiresAt,
                    ])
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.storage("store an access key", error)
        }
    }

    public func key(id: String) throws(IdentityError) -> StoredAccessKey? {
        do {
            return try database.read { db in
                try Row.fetchOne(db, sql: Self.select + " WHERE k.id = ?", arguments: [id]).map(Self.key(from:))
            }
        } catch {
            throw IdentityError.storage("read an access key", error)
        }
    }

    public func keys(userID: String?, includeRevoked: Bool) throws(IdentityError) -> [StoredAccessKey] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let userID {
            conditions.append("k.user_id = ?")
            arguments += [userID]
        }
        if !includeRevoked { conditions.append("k.revoked_at = 0") }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        do {
            return try database.read { db in
                try Row.fetchAll(
                    db, sql: Self.select + whereClause + " ORDER BY k.created_at DESC, k.id", arguments: arguments
                ).map(Self.key(from:))
            }
        } catch {
            throw IdentityError.storage("list access keys", error)
        }
    }

    public func revoke(id: String, at: Int64) throws(IdentityError) -> StoredAccessKey? {
        do {
            return try database.write { db in
                try db.execute(
                    sql: "UPDATE access_keys SET revoked_at = ? WHERE id = ? AND revoked_at = 0", arguments: [at, id])
                return try Row.fetchOne(db, sql: Self.select + " WHERE k.id = ?", arguments: [id]).map(Self.key(from:))
            }
        } catch {
            throw IdentityError.storage("revoke an access key", error)
        }
    }

    @discardableResult
    public func revokeAll(userID: String, at: Int64) throws(IdentityError) -> [String] {
        do {
            return try database.write { db in
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM access_keys WHERE user_id = ? AND revoked_at = 0", arguments: [userID])
                try db.execute(
                    sql: "UPDATE access_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at = 0",
                    arguments: [at, userID])
                return ids
            }
        } catch {
            throw IdentityError.storage("revoke a user's access keys", error)
        }
    }

    @discardableResult
    public func markUsed(id: String, at: Int64, minimumInterval: Int64) throws(IdentityError) -> Bool {
        do {
            return try database.write { db in
                try db.execute(
                    sql: "UPDATE access_keys SET last_used_at = ? WHERE id = ? AND last_used_at <= ?",
                    arguments: [at, id, at - minimumInterval])
                return db.changesCount > 0
            }
        } catch {
            throw IdentityError.storage("record an access key's use", error)
        }
    }

    private static func key(from row: Row) -> StoredAccessKey {
        StoredAccessKey(
            id: row["id"], userID: row["user_id"], ownerUsername: row["owner_username"], name: row["name"],
            scopes: (row["scopes"] as String).split(separator: " ").map(String.init),
            secretSHA256: row["secret_sha256"], createdAt: row["created_at"], expiresAt: row["expires_at"],
            lastUsedAt: row["last_used_at"], revokedAt: row["revoked_at"])
    }
}
