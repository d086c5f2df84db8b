import BerthCrypto
import BerthStore
import GRDB

/// `UserStore` on identity.db.
public struct SQLiteUserStore: UserStore {
    let database: BerthDatabase

    public init(database: BerthDatabase) { self.database = database }

    public func createUser(_ user: User, passwordHash: PasswordHash?) throws(IdentityError) {
        do {
            try database.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ?", arguments: [user.username])
                    ?? false
                {
                    throw IdentityError(
                        code: .alreadyExists,
                        message: "user \"\(user.username)\" already exists: choose another username")
                }
                try db.execute(
                    sql: """
                        INSERT INTO users (id, username, display_name, email, active, created_at, connector_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        user.id, user.username, user.displayName, user.email, !user.disabled, user.createdAt,
                        user.connectorID,
                    ])
                if let passwordHash {
                    try db.execute(
                        sql: "INSERT INTO local_credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)",
                        arguments: [user.id, passwordHash.encoded, user.createdAt])
                }
                for group in user.groups {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO groups (id, name, created_at) VALUES (?, ?, ?)",
                        arguments: [group, group, user.createdAt])
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO group_members (group_id, user_id)
                            SELECT id, ? FROM groups WHERE name = ?
                            """,
                        arguments: [user.id, group])
                }
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.storage("create user \"\(user.username)\"", error)
        }
    }

    public func user(connectorID: String, username: String) throws(IdentityError) -> User? {
        try fetchUser(where: "connector_id = ? AND username = ?", [connectorID, username])
    }

    public func user(id: String) throws(IdentityError) -> User? {
        try fetchUser(where: "id = ?", [id])
    }

    private func fetchUser(where condition: String, _ arguments: StatementArguments) throws(IdentityError) -> User? {
        do {
            return try database.read { db -> User? in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT id, username, display_name, email, active, created_at, connector_id FROM users
                            WHERE \(condition)
                            """,
                        arguments: arguments)
                else { return nil }
                let id: String = row["id"]
                let groups = try String.fetchAll(
                    db,
                    sql: """
                        SELECT g.name FROM groups g JOIN group_members m ON m.group_id = g.id
                        WHERE m.user_id = ? ORDER BY g.name
                        """,
                    arguments: [id])
                return User(
                    id: id, username: row["username"], displayName: row["display_name"], email: row["email"],
                    connectorID: row["connector_id"], disabled: !(row["active"] as Bool), createdAt: row["created_at"],
                    groups: groups)
            }
        } catch {
            throw IdentityError.storage("read a user", error)
        }
    }

    public func passwordHash(userID: String) throws(IdentityError) -> PasswordHash? {
        let encoded: String?
        do {
            encoded = try database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT password_hash FROM local_credentials WHERE user_id = ?", arguments: [userID])
            }
        } catch {
            throw IdentityError.storage("read a password hash", error)
        }
        guard let encoded else { return nil }
        guard let hash = PasswordHash(encoded: encoded) else {
            throw IdentityError(
                code: .storage, message: "identity.db: a stored password hash is unreadable: reset the user's password",
                detail: "user \(userID)")
        }
        return hash
    }

    public func setPasswordHash(_ hash: PasswordHash, userID: String, now: Int64) throws(IdentityError) {
        do {
            try database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO local_credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(user_id) DO UPDATE SET password_hash = excluded.password_hash,
                            updated_at = excluded.updated_at
                        """,
                    arguments: [userID, hash.encoded, now])
            }
        } catch {
            throw IdentityError.storage("store a password hash", error)
        }
    }

    public func loginFailures(userID: String) throws(IdentityError) -> LoginFailures {
        do {
            return try database.read { db in try Self.failures(db, userID: userID) }
        } catch {
            throw IdentityError.storage("read login failures", error)
        }
    }

    @discardableResult
    public func updateLoginFailures(
        userID: String, _ change: @Sendable (LoginFailures) -> LoginFailures
    ) throws(IdentityError) -> LoginFailures {
        do {
            return try database.write { db in
                let next = change(try Self.failures(db, userID: userID))
                if next == .none {
                    try db.execute(sql: "DELETE FROM login_failures WHERE user_id = ?", arguments: [userID])
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO login_failures (user_id, failures, lockouts, locked_until) VALUES (?, ?, ?, ?)
                            ON CONFLICT(user_id) DO UPDATE SET failures = excluded.failures,
                                lockouts = excluded.lockouts, locked_until = excluded.locked_until
                            """,
                        arguments: [userID, next.failures, next.lockouts, next.lockedUntil])
                }
                return next
            }
        } catch {
            throw IdentityError.storage("store login failures", error)
        }
    }

    private static func failures(_ db: Database, userID: String) throws -> LoginFailures {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT failures, lockouts, locked_until FROM login_failures WHERE user_id = ?",
                arguments: [userID])
        else { return .none }
        return LoginFailures(failures: row["failures"], lockouts: row["lockouts"], lockedUntil: row["locked_until"])
    }
}
