import BerthModel
import BerthStore
import Foundation
import GRDB

/// `SpaceStore` on `tenancy.db`.
struct SQLiteSpaceStore: SpaceStore {
    let database: BerthDatabase

    private static let columns = """
        cluster, name, team, owner, template, template_version, values_json, labels_json, expires_at,
        delete_protection, phase, message, deleting, generation, observed_generation, applied_kinds_json, created_at
        """

    func create(_ space: Space, admission: SpaceAdmission) async throws {
        let arguments: StatementArguments = [
            space.cluster.rawValue, space.name.rawValue, space.team?.rawValue, space.owner, space.template.rawValue,
            space.templateVersion, try Self.json(space.values), try Self.json(space.labels),
            space.expiresAt.map { Int64($0.timeIntervalSince1970) }, space.deleteProtection, space.phase.rawValue,
            space.message, space.deleting, space.generation, space.observedGeneration, try Self.json(space.appliedKinds),
            Int64(space.createdAt.timeIntervalSince1970),
        ]
        do {
            try await database.write { db in
                if let team = space.team, let quota = admission.teamQuota, !quota.isEmpty {
                    let (count, used) = try Self.teamUsage(team.rawValue, db)
                    if let excess = SpaceUsage.excess(
                        team: team.rawValue, quota: quota, spaces: count, used: used, asked: admission.usage)
                    {
                        throw TenancyError.quotaExceeded(excess)
                    }
                }
                if let personalLimit = admission.personalLimit, space.team == nil {
                    let owned = try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM spaces WHERE team IS NULL AND owner = ?", arguments: [space.owner]) ?? 0
                    guard owned < personalLimit else {
                        throw TenancyError.quotaExceeded(
                            "\(space.owner) has \(owned) personal spaces, the limit is \(personalLimit): delete one, or "
                                + "create the space in a team")
                    }
                }
                try db.execute(
                    sql: "INSERT INTO spaces (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: arguments)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw TenancyError(
                code: .alreadyExists,
                message: "space \"\(space.name)\" already exists in cluster \(space.cluster): choose another name")
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw TenancyError(
                code: .notFound,
                message: "template \(space.template) version \(space.templateVersion) does not exist: list templates "
                    + "with `berth template list`")
        }
    }

    func space(cluster: String, name: String) async throws -> Space? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns) FROM spaces WHERE cluster = ? AND name = ?", arguments: [cluster, name]
            ).map(Self.space(from:))
        }
    }

    func spaces(cluster: String, filter: SpaceFilter, after: String?, limit: Int) async throws -> [Space] {
        var sql = "SELECT \(Self.columns) FROM spaces WHERE cluster = ? AND name > ?"
        var arguments: StatementArguments = [cluster, after ?? ""]
        if let team = filter.team {
            sql += " AND team = ?"
            arguments += [team]
        }
        if let visible = filter.visibleTo {
            let teams = visible.teams.map { _ in "?" }.joined(separator: ", ")
            sql += " AND ((team IS NULL AND owner = ?)\(teams.isEmpty ? "" : " OR team IN (\(teams))"))"
            arguments += [visible.personalOwner]
            arguments += StatementArguments(visible.teams)
        }
        sql += " ORDER BY name LIMIT ?"
        arguments += [limit]
        return try await database.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.space(from:))
        }
    }

    func recordStatus(
        cluster: String, name: String, generation: Int, phase: SpacePhase, message: String, appliedKinds: [String]?
    ) async throws -> Bool {
        let kinds = try appliedKinds.map(Self.json)
        return try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE spaces SET phase = ?, message = ?, observed_generation = ?,
                        applied_kinds_json = COALESCE(?, applied_kinds_json)
                    WHERE cluster = ? AND name = ? AND generation = ?
                      AND (phase != ? OR message != ? OR observed_generation != ? OR (? IS NOT NULL AND applied_kinds_json != ?))
                    """,
                arguments: [
                    phase.rawValue, message, generation, kinds, cluster, name, generation,
                    phase.rawValue, message, generation, kinds, kinds,
                ])
            return db.changesCount > 0
        }
    }

    func markDeleting(cluster: String, name: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE spaces SET deleting = 1, generation = generation + 1, phase = 'Terminating', message = ''
                    WHERE cluster = ? AND name = ? AND deleting = 0
                    """,
                arguments: [cluster, name])
        }
    }

    func remove(cluster: String, name: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM spaces WHERE cluster = ? AND name = ?", arguments: [cluster, name])
        }
    }

    func addTemplateVersion(_ template: SpaceTemplate) async throws -> SpaceTemplate {
        try await database.write { db in
            var stored = template
            stored.version = (try Int.fetchOne(
                db, sql: "SELECT MAX(version) FROM templates WHERE name = ?", arguments: [template.name.rawValue]) ?? 0) + 1
            try Self.insert(stored, body: try Self.json(stored), db)
            return stored
        }
    }

    func setTemplateVersion(cluster: String, name: String, version: Int) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE spaces SET template_version = ?, generation = generation + 1, phase = 'Pending', message = ''
                    WHERE cluster = ? AND name = ? AND deleting = 0
                    """,
                arguments: [version, cluster, name])
            return db.changesCount > 0
        }
    }

    func spacesBehind(template: String, version: Int) async throws -> [Space] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.columns) FROM spaces WHERE template = ? AND template_version < ? AND deleting = 0 ORDER BY cluster, name",
                arguments: [template, version]
            ).map(Self.space(from:))
        }
    }

    func saveTemplate(_ template: SpaceTemplate) async throws {
        let body = try Self.json(template)
        try await database.write { db in try Self.insert(template, body: body, db) }
    }

    /// `saveTemplate` for start-up, before anything async runs.
    func saveTemplatesNow(_ templates: [SpaceTemplate]) throws {
        let bodies = try templates.map { ($0, try Self.json($0)) }
        try database.write { db in
            for (template, body) in bodies { try Self.insert(template, body: body, db) }
        }
    }

    /// A version, once stored, never changes: saving it again keeps the stored one.
    private static func insert(_ template: SpaceTemplate, body: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO templates (name, version, body_json, created_at) VALUES (?, ?, ?, strftime('%s'))
                ON CONFLICT (name, version) DO NOTHING
                """,
            arguments: [template.name.rawValue, template.version, body])
    }

    func template(name: String, version: Int) async throws -> SpaceTemplate? {
        let body = try await database.read { db in
            version == 0
                ? try String.fetchOne(
                    db, sql: "SELECT body_json FROM templates WHERE name = ? ORDER BY version DESC LIMIT 1",
                    arguments: [name])
                : try String.fetchOne(
                    db, sql: "SELECT body_json FROM templates WHERE name = ? AND version = ?", arguments: [name, version])
        }
        return try body.map { try JSONDecoder().decode(SpaceTemplate.self, from: Data($0.utf8)) }
    }

    func latestTemplates() async throws -> [SpaceTemplate] {
        let bodies = try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT body_json FROM templates t
                    WHERE version = (SELECT MAX(version) FROM templates WHERE name = t.name) ORDER BY name
                    """)
        }
        return try bodies.map { try JSONDecoder().decode(SpaceTemplate.self, from: Data($0.utf8)) }
    }

    func teamUsage(team: String) async throws -> (spaces: Int, usage: SpaceUsage) {
        try await database.read { db in try Self.teamUsage(team, db) }
    }

    /// How many spaces `team` has and what their quotas add up to (from each space's template version and values).
    private static func teamUsage(_ team: String, _ db: Database) throws -> (Int, SpaceUsage) {
        let spaces = try Row.fetchAll(db, sql: "SELECT \(columns) FROM spaces WHERE team = ?", arguments: [team])
            .map(space(from:))
        var templates: [String: SpaceTemplate] = [:]
        var used = SpaceUsage.zero
        for space in spaces {
            let key = "\(space.template.rawValue)/\(space.templateVersion)"
            if templates[key] == nil, let body = try String.fetchOne(
                db, sql: "SELECT body_json FROM templates WHERE name = ? AND version = ?",
                arguments: [space.template.rawValue, space.templateVersion])
            {
                templates[key] = try decode(SpaceTemplate.self, body)
            }
            guard let template = templates[key] else { continue }
            used = used + SpaceUsage.of(
                template: template, values: space.values, space: space.name.rawValue, team: team, owner: space.owner)
        }
        return (spaces.count, used)
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    private static func space(from row: Row) throws -> Space {
        let expires: Int64? = row["expires_at"]
        let phaseText: String = row["phase"]
        guard let phase = SpacePhase(rawValue: phaseText) else {
            throw TenancyError(code: .invalidArgument, message: "tenancy.db holds an unknown space phase '\(phaseText)'")
        }
        return Space(
            name: try DNSLabel(row["name"] as String, kind: "space name"),
            cluster: try DNSLabel(row["cluster"] as String, kind: "cluster name"),
            team: try (row["team"] as String?).map { try DNSLabel($0, kind: "team name") },
            owner: row["owner"],
            template: try DNSLabel(row["template"] as String, kind: "template name"),
            templateVersion: row["template_version"],
            values: try decode([String: String].self, row["values_json"]),
            labels: try decode([String: String].self, row["labels_json"]),
            expiresAt: expires.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            deleteProtection: row["delete_protection"], phase: phase, message: row["message"],
            deleting: row["deleting"], generation: row["generation"], observedGeneration: row["observed_generation"],
            appliedKinds: try decode([String].self, row["applied_kinds_json"]),
            createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)))
    }
}
