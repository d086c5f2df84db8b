import BerthStore
import Foundation
import GRDB

/// Where a space is in its sleep cycle. `sleeping`/`waking` are transitions: found after a restart, they are
/// finished before anything else happens to the space.
enum SpaceSleepState: String, Sendable, Codable {
    case awake, sleeping, asleep, waking
}

/// A workload sleep changed, and the value wake puts back (replicas; 0/1 for a CronJob's `suspend`).
struct SleptWorkload: Sendable, Equatable, Hashable {
    var kind: WorkloadKind
    var name: String
    var original: Int
}

/// The kinds sleep scales down.
/// HPAs come first: their `minReplicas` goes down to 1 (the lowest the API allows without the HPAScaleToZero gate)
/// before their targets go to 0, and is restored like replicas are.
enum WorkloadKind: String, Sendable, CaseIterable {
    case horizontalPodAutoscaler = "HorizontalPodAutoscaler"
    case deployment = "Deployment", statefulSet = "StatefulSet", cronJob = "CronJob"
}

/// The sleep transitions and original values in `sleep.db`.
struct SleepStateStore: Sendable {
    let database: BerthDatabase

    func state(cluster: String, namespace: String) async throws -> SpaceSleepState {
        try await database.read { db in
            let text = try String.fetchOne(
                db, sql: "SELECT state FROM space_sleep WHERE cluster = ? AND namespace = ?", arguments: [cluster, namespace])
            return text.flatMap(SpaceSleepState.init(rawValue:)) ?? .awake
        }
    }

    func setState(_ state: SpaceSleepState, cluster: String, namespace: String, reason: String, at date: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO space_sleep (cluster, namespace, state, reason, changed_at_unix) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (cluster, namespace) DO UPDATE SET state = excluded.state, reason = excluded.reason,
                        changed_at_unix = excluded.changed_at_unix
                    """,
                arguments: [cluster, namespace, state.rawValue, reason, Int64(date.timeIntervalSince1970)])
        }
    }

    /// Records `workload`'s original value unless one is recorded already (a re-run after a crash must keep the
    /// value from before the first run, not the 0 that run wrote).
    func remember(_ workload: SleptWorkload, cluster: String, namespace: String) async throws -> Int {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO slept_workloads (cluster, namespace, kind, name, original) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [cluster, namespace, workload.kind.rawValue, workload.name, workload.original])
            return try Int.fetchOne(
                db, sql: "SELECT original FROM slept_workloads WHERE cluster = ? AND namespace = ? AND kind = ? AND name = ?",
                arguments: [cluster, namespace, workload.kind.rawValue, workload.name]) ?? workload.original
        }
    }

    func workloads(cluster: String, namespace: String) async throws -> [SleptWorkload] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT kind, name, original FROM slept_workloads WHERE cluster = ? AND namespace = ? ORDER BY kind, name",
                arguments: [cluster, namespace]
            ).compactMap { row in
                WorkloadKind(rawValue: row["kind"]).map { SleptWorkload(kind: $0, name: row["name"], original: row["original"]) }
            }
        }
    }

    func forget(_ workload: SleptWorkload, cluster: String, namespace: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: "DELETE FROM slept_workloads WHERE cluster = ? AND namespace = ? AND kind = ? AND name = ?",
                arguments: [cluster, namespace, workload.kind.rawValue, workload.name])
        }
    }
}
