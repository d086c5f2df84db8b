import BerthModel
import BerthStore
import Foundation
import GRDB

/// Where clusters live (`tenancy.db`). The first cluster added becomes the default; there is always at most one.
protocol ClusterStore: Sendable {
    /// Adds `cluster`; throws `alreadyExists` when the name is taken.
    func add(_ cluster: Cluster) async throws
    /// Adds or updates the cluster from the config file (`tenancy.cluster.*`), which the config keeps in charge of.
    func upsertConfigured(_ cluster: Cluster) throws
    func clusters() async throws -> [Cluster]
    /// Removes a cluster with no spaces; throws `invalidArgument` naming how many spaces are left.
    func remove(name: String) async throws
    func recordHealth(name: String, health: ClusterHealth, message: String, at: Date) async throws
}

struct SQLiteClusterStore: ClusterStore {
    let database: BerthDatabase

    private static let columns = "name, kubeconfig, context, is_default, health, message, checked_at, created_at"

    func add(_ cluster: Cluster) async throws {
        do {
            try await database.write { db in
                let hasDefault = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE is_default = 1") ?? 0 > 0
                let makeDefault = cluster.isDefault || !hasDefault
                if makeDefault { try db.execute(sql: "UPDATE clusters SET is_default = 0") }
                try Self.insert(cluster, isDefault: makeDefault, db)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw TenancyError(
                code: .alreadyExists,
                message: "cluster \"\(cluster.name)\" is already connected: remove it first to change its kubeconfig")
        }
    }

    func upsertConfigured(_ cluster: Cluster) throws {
        try database.write { db in
            let hasDefault = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM clusters WHERE is_default = 1 AND name != ?", arguments: [cluster.name.rawValue]) ?? 0 > 0
            try db.execute(
                sql: """
                    INSERT INTO clusters (\(Self.columns)) VALUES (?, ?, ?, ?, 'Unknown', '', 0, ?)
                    ON CONFLICT (name) DO UPDATE SET kubeconfig = excluded.kubeconfig, context = excluded.context
                    """,
                arguments: [
                    cluster.name.rawValue, cluster.kubeconfig, cluster.context, !hasDefault,
                    Int64(cluster.createdAt.timeIntervalSince1970),
                ])
        }
    }

    func clusters() async throws -> [Cluster] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM clusters ORDER BY is_default DESC, name").map { row in
                let health: String = row["health"]
                let checked: Int64 = row["checked_at"]
                return Cluster(
                    name: try DNSLabel(row["name"] as String, kind: "cluster name"), kubeconfig: row["kubeconfig"],
                    context: row["context"], isDefault: row["is_default"], health: ClusterHealth(rawValue: health) ?? .unknown,
                    message: row["message"], checkedAt: checked == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(checked)),
                    createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)))
            }
        }
    }

    func remove(name: String) async throws {
        try await database.write { db in
            let spaces = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM spaces WHERE cluster = ?", arguments: [name]) ?? 0
            guard spaces == 0 else {
                throw TenancyError(
                    code: .invalidArgument,
                    message: "cluster \(name) still has \(spaces) spaces: delete them first (`berth space list --cluster \(name)`)")
            }
            try db.execute(sql: "DELETE FROM clusters WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else {
                throw TenancyError(code: .notFound, message: "cluster \"\(name)\" is not connected")
            }
            // Keep a default while any cluster remains.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clusters WHERE is_default = 1") == 0 {
                try db.execute(sql: "UPDATE clusters SET is_default = 1 WHERE name = (SELECT MIN(name) FROM clusters)")
            }
        }
    }

    func recordHealth(name: String, health: ClusterHealth, message: String, at date: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE clusters SET health = ?, message = ?, checked_at = ? WHERE name = ?",
                arguments: [health.rawValue, message, Int64(date.timeIntervalSince1970), name])
        }
    }

    private static func insert(_ cluster: Cluster, isDefault: Bool, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO clusters (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                cluster.name.rawValue, cluster.kubeconfig, cluster.context, isDefault, cluster.health.rawValue,
                cluster.message, Int64(cluster.checkedAt?.timeIntervalSince1970 ?? 0),
                Int64(cluster.createdAt.timeIntervalSince1970),
            ])
    }
}
