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
/// returns nil for an unknown id. Storage failures throw `.storage`.
public protocol SessionStore: Sendable {
    func create(_ session: Session) throws(IdentityError)
    func session(id: String) throws(IdentityError) -> Session?
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
}
