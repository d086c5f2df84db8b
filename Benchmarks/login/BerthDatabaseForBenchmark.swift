import BerthRuntime
import BerthStore
import BerthTesting
import IdentityService
import Logging

/// A second connection to the running service's identity.db for the direct-connector figures (WAL: both may
/// write; the benchmark only mirrors the same user over and over).
enum BerthDatabaseForBenchmark {
    static func open(_ env: TestEnvironment) throws -> BerthDatabase {
        guard let path = BerthPaths(config: env.config).databasePath(for: .identity) else {
            fatalError("identity has no database path")
        }
        return try BerthDatabase.open(
            path: path, migrations: IdentityMigrations.all,
            synchronous: .normal, logger: Logger(label: "bench.db"))
    }
}
