import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Logging

/// Builds the sleep service: its database, its RPC routes, hosted on `sleep.sock`.
public enum SleepService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .sleep, config: config, migrations: SleepMigrations.all, logger: logger)
        let policies = PolicyHandlers(store: SQLitePolicyStore(database: database))
        var router = RPCRouter()
        router.unary(SleepV1.setPolicy) { request, _ in try await policies.set(request) }
        router.unary(SleepV1.getPolicy) { request, _ in try await policies.get(request) }
        let activity = ActivityHandlers(store: SQLiteActivityStore(database: database))
        router.unary(SleepV1.recordActivity) { request, _ in try await activity.record(request) }
        router.unary(SleepV1.getActivity) { request, _ in try await activity.get(request) }
        return ServiceHost(name: .sleep, config: config, router: router, database: database, logger: logger)
    }
}
