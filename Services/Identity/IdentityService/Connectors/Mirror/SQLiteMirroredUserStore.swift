import BerthCrypto
import BerthStore
import GRDB

/// `MirroredUserStore` on identity.db: `connector_identities` (migration 3) maps (connector, external id) to a
/// row of `users`.
public struct SQLiteMirroredUserStore: MirroredUserStore {
    let database: BerthDatabase

    public init(database: BerthDatabase) { self.database = database }

    public func mirror(_ external: ExternalUser, connectorID: String, now: Int64) throws(IdentityError) -> User {
        let freshID: String
        do {
            freshID = try SecureRandom.identifier()
        } catch {
            throw IdentityError.crypto("create a user id", error)
        }
        let groups = Array(Set(external.groups)).sorted()
        do {
            return try database.write { db -> User in
                let existing = try String.fetchOne(
                    db, sql: "SELECT user_id FROM connector_identities WHERE connector_id = ? AND external_id = ?",
                    arguments: [connectorID, external.externalID])
                let userID = existing ?? freshID
                if let holder = try Row.fetchOne(
                    db, sql: "SELECT id, connector_id FROM users WHERE username = ? AND id != ?",
                    arguments: [external.username, userID])
                {
                    let other: String = holder["connector_id"]
                    throw IdentityError(
                        code: .alreadyExists,
                        message: "user \"\(external.username)\" of connector \"\(connectorID)\" has the same username "
                            + "as an existing user of connector \"\(other)\": rename or remove one of them",
                        detail: "external id \(external.externalID)")
                }
                if existing == nil {
                    try db.execute(
                        sql: """
                            INSERT INTO users (id, username, display_name, email, active, created_at, connector_id)
                            VALUES (?, ?, ?, ?, 1, ?, ?)
                            """,
                        arguments: [userID, external.username, external.displayName, external.email, now, connectorID])
                    try db.execute(
                        sql: """
                            INSERT INTO connector_identities (connector_id, external_id, user_id, location, updated_at)
                            VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: [connectorID, external.externalID, userID, external.location, now])
                } else {
                    try db.execute(
                        sql: "UPDATE users SET username = ?, display_name = ?, email = ? WHERE id = ?",
                        arguments: [external.username, external.displayName, external.email, userID])
                    try db.execute(
                        sql: """
                            UPDATE connector_identities SET location = ?, updated_at = ?
                            WHERE connector_id = ? AND external_id = ?
                            """,
                        arguments: [external.location, now, connectorID, external.externalID])
                    try db.execute(sql: "DELETE FROM group_members WHERE user_id = ?", arguments: [userID])
                }
                for group in groups {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO groups (id, name, created_at) VALUES (?, ?, ?)",
                        arguments: [group, group, now])
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO group_members (group_id, user_id) SELECT id, ? FROM groups WHERE name = ?",
                        arguments: [userID, group])
                }
                let row = try Row.fetchOne(
                    db, sql: "SELECT active, created_at FROM users WHERE id = ?", arguments: [userID])
                return User(
                    id: userID, username: external.username, displayName: external.displayName, email: external.email,
                    connectorID: connectorID, disabled: !((row?["active"] as Bool?) ?? true),
                    createdAt: (row?["created_at"] as Int64?) ?? now, groups: groups)
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.storage("mirror user \"\(external.username)\" of connector \"\(connectorID)\"", error)
        }
    }
}
