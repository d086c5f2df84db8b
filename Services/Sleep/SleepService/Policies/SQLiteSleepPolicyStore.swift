import BerthRPC
import BerthStore
import Foundation
import GRDB

/// `SleepPolicyStore` on `sleep.db` (`sleep_policies`, migration 4): one row per scope, the policy as JSON.
struct SQLiteSleepPolicyStore: SleepPolicyStore {
    let database: BerthDatabase

    func set(_ scope: PolicyScope, _ policy: SleepV1.SleepPolicy) async throws {
        let json = String(decoding: try JSONEncoder().encode(policy), as: UTF8.self)
        try await database.write { db in
            if policy == SleepV1.SleepPolicy() {
                try db.execute(sql: "DELETE FROM sleep_policies WHERE scope = ?", arguments: [scope.key])
                return
            }
            try db.execute(
                sql: """
                    INSERT INTO sleep_policies (scope, policy_json) VALUES (?, ?)
                    ON CONFLICT (scope) DO UPDATE SET policy_json = excluded.policy_json
                    """,
                arguments: [scope.key, json])
        }
    }

    func get(_ scope: PolicyScope) async throws -> SleepV1.SleepPolicy? {
        let json = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT policy_json FROM sleep_policies WHERE scope = ?", arguments: [scope.key])
        }
        return try json.map { try JSONDecoder().decode(SleepV1.SleepPolicy.self, from: Data($0.utf8)) }
    }

    func all() async throws -> [String: SleepV1.SleepPolicy] {
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT scope, policy_json FROM sleep_policies").map {
                (String($0["scope"] as String), String($0["policy_json"] as String))
            }
        }
        var result: [String: SleepV1.SleepPolicy] = [:]
        for (scope, json) in rows {
            result[scope] = try JSONDecoder().decode(SleepV1.SleepPolicy.self, from: Data(json.utf8))
        }
        return result
    }
}
