import BerthModel
import BerthStore
import Foundation
import GRDB

/// `TeamStore` on `tenancy.db`.
struct SQLiteTeamStore: TeamStore {
    let database: BerthDatabase

    func create(_ team: Team) async throws {
        let groups = String(decoding: try JSONEncoder().encode(team.groups), as: UTF8.self)
        let members = String(decoding: try JSONEncoder().encode(team.members), as: UTF8.self)
        let quota = String(decoding: try JSONEncoder().encode(team.quota), as: UTF8.self)
        do {
            try await database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO teams (name, display_name, groups_json, members_json, quota_json, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        team.name.rawValue, team.displayName, groups, members, quota,
                        Int64(team.createdAt.timeIntervalSince1970),
                    ])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw TenancyError(
                code: .alreadyExists,
                message: "team \"\(team.name)\" already exists: choose another name, or manage the existing team")
        }
    }

    func list(after: String?, limit: Int) async throws -> [Team] {
        try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.columns) FROM teams WHERE name > ? ORDER BY name LIMIT ?",
                arguments: [after ?? "", limit])
            return try rows.map(Self.team(from:))
        }
    }

    func team(named name: String) async throws -> Team? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns) FROM teams WHERE name = ?", arguments: [name]
            ).map(Self.team(from:))
        }
    }

    func updateMembers(team name: String, add: [TeamMembership], remove: [TeamMembership]) async throws -> Team {
        try await database.write { db in
            guard var team = try Row.fetchOne(
                db, sql: "SELECT \(Self.columns) FROM teams WHERE name = ?", arguments: [name]
            ).map(Self.team(from:)) else {
                throw TenancyError(code: .notFound, message: "team \"\(name)\" does not exist")
            }
            for member in add {
                team.members.removeAll { $0.kind == member.kind && $0.name == member.name }
                if member.kind == .group { team.groups.removeAll { $0 == member.name } }
                team.members.append(member)
            }
            for member in remove {
                team.members.removeAll { $0.kind == member.kind && $0.name == member.name }
                if member.kind == .group { team.groups.removeAll { $0 == member.name } }
            }
            try db.execute(
                sql: "UPDATE teams SET groups_json = ?, members_json = ? WHERE name = ?",
                arguments: [
                    String(decoding: try JSONEncoder().encode(team.groups), as: UTF8.self),
                    String(decoding: try JSONEncoder().encode(team.members), as: UTF8.self), name,
                ])
            return team
        }
    }

    func setQuota(team name: String, quota: TeamQuota) async throws -> Team {
        try await database.write { db in
            guard var team = try Row.fetchOne(
                db, sql: "SELECT \(Self.columns) FROM teams WHERE name = ?", arguments: [name]
            ).map(Self.team(from:)) else {
                throw TenancyError(code: .notFound, message: "team \"\(name)\" does not exist")
            }
            team.quota = quota
            try db.execute(
                sql: "UPDATE teams SET quota_json = ? WHERE name = ?",
                arguments: [String(decoding: try JSONEncoder().encode(quota), as: UTF8.self), name])
            return team
        }
    }

    private static let columns = "name, display_name, groups_json, members_json, quota_json, created_at"

    static func team(from row: Row) throws -> Team {
        func decode<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
            try JSONDecoder().decode(type, from: Data((row[column] as String).utf8))
        }
        return Team(
            name: try DNSLabel(row["name"] as String, kind: "team name"),
            displayName: row["display_name"],
            groups: try decode([String].self, "groups_json"),
            members: try decode([TeamMembership].self, "members_json"),
            quota: try decode(TeamQuota.self, "quota_json"),
            createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)))
    }
}
