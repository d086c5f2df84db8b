import BerthStore
import GRDB

extension SQLiteUserStore: UserAdministration {
    public func listUsers(username: String?, query: String?, offset: Int, limit: Int) throws(IdentityError)
        -> Page<User>
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let username, !username.isEmpty {
            conditions.append("username = ?")
            arguments += [username]
        }
        if let query, !query.isEmpty {
            conditions.append("(instr(lower(username), ?) > 0 OR instr(lower(display_name), ?) > 0 OR instr(lower(email), ?) > 0)")
            let lowered = query.lowercased()
            arguments += [lowered, lowered, lowered]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let ids: [String]
        let total: Int
        do {
            (ids, total) = try database.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users" + whereClause, arguments: arguments) ?? 0
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM users" + whereClause + " ORDER BY username LIMIT ? OFFSET ?",
                    arguments: arguments + [limit, offset])
                return (ids, total)
            }
        } catch {
            throw IdentityError.storage("list users", error)
        }
        var users: [User] = []
        for id in ids { if let user = try user(id: id) { users.append(user) } }
        return Page(items: users, total: total)
    }

    public func updateUser(
        id: String, username: String?, displayName: String?, email: String?, active: Bool?
    ) throws(IdentityError) -> User {
        do {
            try database.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [id]) ?? false else {
                    throw IdentityError(code: .notFound, message: "user \"\(id)\" does not exist: list users to find its id")
                }
                if let username {
                    if try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM users WHERE username = ? AND id != ?", arguments: [username, id]) ?? false
                    {
                        throw IdentityError(
                            code: .alreadyExists, message: "user \"\(username)\" already exists: choose another username")
                    }
                    try db.execute(sql: "UPDATE users SET username = ? WHERE id = ?", arguments: [username, id])
                }
                if let displayName {
                    try db.execute(sql: "UPDATE users SET display_name = ? WHERE id = ?", arguments: [displayName, id])
                }
                if let email { try db.execute(sql: "UPDATE users SET email = ? WHERE id = ?", arguments: [email, id]) }
                if let active { try db.execute(sql: "UPDATE users SET active = ? WHERE id = ?", arguments: [active, id]) }
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.storage("update user \"\(id)\"", error)
        }
        guard let user = try user(id: id) else {
            throw IdentityError(code: .notFound, message: "user \"\(id)\" does not exist: list users to find its id")
        }
        return user
    }

    public func deleteUser(id: String) throws(IdentityError) -> Bool {
        do {
            return try database.write { db in
                try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        } catch {
            throw IdentityError.storage("delete user \"\(id)\"", error)
        }
    }

    public func listGroups(name: String?, offset: Int, limit: Int) throws(IdentityError) -> Page<Group> {
        let filter = (name?.isEmpty ?? true) ? "" : " WHERE name = ?"
        let arguments: StatementArguments = (name?.isEmpty ?? true) ? [] : [name]
        do {
            return try database.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM groups" + filter, arguments: arguments) ?? 0
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM groups" + filter + " ORDER BY name LIMIT ? OFFSET ?",
                    arguments: arguments + [limit, offset])
                return Page(items: try rows.map { try Self.group(from: $0, db) }, total: total)
            }
        } catch {
            throw IdentityError.storage("list groups", error)
        }
    }

    public func group(id: String) throws(IdentityError) -> Group? {
        try fetchGroup(where: "id = ?", id)
    }

    public func group(name: String) throws(IdentityError) -> Group? {
        try fetchGroup(where: "name = ?", name)
    }

    private func fetchGroup(where condition: String, _ value: String) throws(IdentityError) -> Group? {
        do {
            return try database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE \(condition)", arguments: [value]).map {
                    try Self.group(from: $0, db)
                }
            }
        } catch {
            throw IdentityError.storage("read a group", error)
        }
    }

    public func createGroup(id: String, name: String, memberIDs: [String], now: Int64) throws(IdentityError) -> Group {
        do {
            return try database.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM groups WHERE name = ?", arguments: [name]) ?? false {
                    throw IdentityError(
                        code: .alreadyExists, message: "group \"\(name)\" already exists: choose another name")
                }
                try db.execute(
                    sql: "INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)", arguments: [id, name, now])
                try Self.add(memberIDs, to: id, db)
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]) else {
                    throw IdentityError(code: .notFound, message: "group \"\(name)\" vanished while it was created")
                }
                return try Self.group(from: row, db)
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.storage("create group \"\(name)\"", error)
        }
    }

    public func updateGroup(
        id: String, name: String?, replaceMembers: [String]?, add: [String], remove: [String]
    ) throws(IdentityError) -> Group {
        do {
            return try database.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM groups WHERE id = ?", arguments: [id]) ?? false else {
                    throw IdentityError(code: .notFound, message: "group \"\(id)\" does not exist: list groups to find its id")
                }
                if let replaceMembers {
                    try db.execute(sql: "DELETE FROM group_members WHERE group_id = ?", arguments: [id])
                    try Self.add(replaceMembers, to: id, db)
                }
                try Self.add(add, to: id, db)
                for member in remove {
                    try db.execute(
                        sql: "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", arguments: [id, member])
                }
                if let name {
                    if try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM groups WHERE name = ? AND id != ?", arguments: [name, id]) ?? false
                    {
                        throw IdentityError(
                            code: .alreadyExists, message: "group \"\(name)\" already exists: choose another name")
                    }
                    try db.execute(sql: "UPDATE groups SET name = ? WHERE id = ?", arguments: [name, id])
                }
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]) else {
                    throw IdentityError(code: .notFound, message: "group \"\(id)\" does not exist")
                }
                return try Self.group(from: row, db)
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.storage("update group \"\(id)\"", error)
        }
    }

    public func deleteGroup(id: String) throws(IdentityError) -> Bool {
        do {
            return try database.write { db in
                try db.execute(sql: "DELETE FROM groups WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        } catch {
            throw IdentityError.storage("delete group \"\(id)\"", error)
        }
    }

    /// Adds members that exist; the first unknown one throws `.notFound` (the transaction rolls back).
    private static func add(_ members: [String], to groupID: String, _ db: Database) throws {
        for member in members {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [member]) ?? false else {
                throw IdentityError(
                    code: .notFound, message: "user \"\(member)\" does not exist: add members by their user id")
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)", arguments: [groupID, member])
        }
    }

    private static func group(from row: Row, _ db: Database) throws -> Group {
        let id: String = row["id"]
        return Group(
            id: id, name: row["name"],
            memberIDs: try String.fetchAll(
                db, sql: "SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id", arguments: [id]),
            createdAt: row["created_at"])
    }
}
