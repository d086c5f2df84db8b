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
}

/// Login sessions (several per user).
///
/// Contract: `create` stores a new session atomically (an id collision throws `.storage`); `session(id:)`
/// returns nil for an unknown id. `endAll(userID:)` removes every session of the user in one transaction and
/// returns their ids (anything hanging off a session, such as refresh tokens, must end with it). Storage
/// failures throw `.storage`.
public protocol SessionStore: Sendable {
    func create(_ session: Session) throws(IdentityError)
    func session(id: String) throws(IdentityError) -> Session?
    @discardableResult
    func endAll(userID: String) throws(IdentityError) -> [String]
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
                        authTime: $0["auth_time"], expiresAt: $0["expires_at"])
                }
            }
        } catch {
            throw IdentityError.storage("read a session", error)
        }
    }

    @discardableResult
    public func endAll(userID: String) throws(IdentityError) -> [String] {
        do {
            return try database.write { db in
                let ids = try String.fetchAll(db, sql: "SELECT id FROM sessions WHERE user_id = ?", arguments: [userID])
                try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID])
                return ids
            }
        } catch {
            throw IdentityError.storage("end a user's sessions", error)
        }
    }
}
