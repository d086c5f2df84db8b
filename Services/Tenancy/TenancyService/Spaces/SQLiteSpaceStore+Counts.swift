import BerthStore
import GRDB

extension SQLiteSpaceStore {
    /// How many spaces each cluster holds in each phase (`berth_tenancy_spaces`): one grouped, indexed scan.
    func countsByPhase() async throws -> [(cluster: String, phase: String, count: Int)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT cluster, phase, COUNT(*) AS n FROM spaces GROUP BY cluster, phase").map {
                (cluster: $0["cluster"], phase: $0["phase"], count: $0["n"])
            }
        }
    }
}
