import BerthStore
import GRDB

/// One login session: a user signed in through a connector for a client.
public struct Session: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var connectorID: String
    public var clientID: String
    /// Seconds since 1970.
    public var authTime: Int64
    public var expiresAt: Int64
    /// When it was ended (logout, revocation, refresh-token reuse); nil while it lasts.
    public var endedAt: Int64? = nil

    /// Whether the session still lets its refresh tokens and access tokens work at `now`.
    public func isActive(at now: Int64) -> Bool { endedAt == nil && now < expiresAt }
}

/// Login sessions (several per user).
///
/// Contract: `create` stores a new session atomically (an id collision throws `.storage`); `session(id:)`
/// returns nil for an unknown id (an ended session is returned, with `endedAt`). `end` ends one session and
/// revokes its refresh tokens in one transaction, and returns false when it was unknown or already ended;
/// `endAll(userID:)` does that for every session of a user ("revoke everything": SCIM deactivation) and returns
/// how many it ended. Other sessions of the same user are untouched by `end`. Storage failures throw `.storage`.
public protocol SessionStore: Sendable {
    func create(_ session: Session) throws(IdentityError)
    func session(id: String) throws(IdentityError) -> Session?
    @discardableResult
    func end(id: String, now: Int64) throws(IdentityError) -> Bool
    @discardableResult
    func endAll(userID: String, now: Int64) throws(IdentityError) -> Int
}

/// `SessionStore` on identity.db.
public struct SQLiteSessionStore: SessionStore {
    let database: BerthDatabase

    public init(database: BerthDatabase) { self.database = database }

    public func create(_ session: Session) throws(IdentityError) {
        do {
            try database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO sessions (id, user_id, connector_id, client_id, auth_time, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        session.id, session.userID, session.connectorID, session.clientID, session.authTime,
                        session.expiresAt,
                    ])
            }
        } catch {
            throw IdentityError.storage("store a session", error)
        }
    }

    public func session(id: String) throws(IdentityError) -> Session? {
        do {
            return try database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE id = ?", arguments: [id]).map {
                    Session(
                        id: $0["id"], userID: $0["user_id"], connectorID: $0["connector_id"], clientID: $0["client_id"],
                        authTime: $0["auth_time"], expiresAt: $0["expires_at"], endedAt: $0["ended_at"])
                }
            }
        } catch {
            throw IdentityError.storage("read a session", error)
        }
    }

    public func end(id: String, now: Int64) throws(IdentityError) -> Bool {
        do {
            return try database.write { db in
                try db.execute(
                    sql: "UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", arguments: [now, id])
                let ended = db.changesCount == 1
                try db.execute(
                    sql: "UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL",
                    arguments: [now, id])
                return ended
            }
        } catch {
            throw IdentityError.storage("end a session", error)
        }
    }

    public func endAll(userID: String, now: Int64) throws(IdentityError) -> Int {
        do {
            return try database.write { db in
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL", arguments: [userID])
                for id in ids {
                    try db.execute(sql: "UPDATE sessions SET ended_at = ? WHERE id = ?", arguments: [now, id])
                    try db.execute(
                        sql: "UPDATE refresh_tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL",
                        arguments: [now, id])
                }
                return ids.count
            }
        } catch {
            throw IdentityError.storage("end the sessions of a user", error)
        }
    }
}
