import Foundation
import GRDB

/// A space's row in `space_sleep` with the controller's columns (migration 4).
struct SpaceSleepRecord: Sendable, Equatable {
    var state: SpaceSleepState = .awake
    var reason: String = ""
    var changedAt: Date?
    /// Set by `SleepSpace(prevent_wake)`: only an explicit wake by an owner or admin ends this sleep.
    var preventWake = false
    var deleteWarnedAt: Date?
    var lastReport = SleepReport()
}


extension SleepStateStore {
    func record(cluster: String, namespace: String) async throws -> SpaceSleepRecord {
        try await database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT state, reason, changed_at_unix, prevent_wake, delete_warned_at_unix, last_report_json
                        FROM space_sleep WHERE cluster = ? AND namespace = ?
                        """,
                    arguments: [cluster, namespace])
            else { return SpaceSleepRecord() }
            let warned: Int64 = row["delete_warned_at_unix"]
            let report: String = row["last_report_json"]
            return SpaceSleepRecord(
                state: SpaceSleepState(rawValue: row["state"]) ?? .awake, reason: row["reason"],
                changedAt: Date(timeIntervalSince1970: TimeInterval(row["changed_at_unix"] as Int64)),
                preventWake: row["prevent_wake"], deleteWarnedAt: warned == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(warned)),
                lastReport: (try? JSONDecoder().decode(SleepReport.self, from: Data(report.utf8))) ?? SleepReport())
        }
    }

    func setPreventWake(_ value: Bool, cluster: String, namespace: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE space_sleep SET prevent_wake = ? WHERE cluster = ? AND namespace = ?",
                arguments: [value, cluster, namespace])
        }
    }

    func setDeleteWarned(_ date: Date?, cluster: String, namespace: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO space_sleep (cluster, namespace, state, changed_at_unix, delete_warned_at_unix)
                    VALUES (?, ?, 'awake', ?, ?)
                    ON CONFLICT (cluster, namespace) DO UPDATE SET delete_warned_at_unix = excluded.delete_warned_at_unix
                    """,
                arguments: [cluster, namespace, Int64(date?.timeIntervalSince1970 ?? 0), Int64(date?.timeIntervalSince1970 ?? 0)])
        }
    }

    func setLastReport(_ report: SleepReport, cluster: String, namespace: String) async throws {
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        try await database.write { db in
            try db.execute(
                sql: "UPDATE space_sleep SET last_report_json = ? WHERE cluster = ? AND namespace = ?",
                arguments: [json, cluster, namespace])
        }
    }
}
