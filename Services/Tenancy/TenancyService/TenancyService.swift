import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Logging

/// Builds the tenancy service: its database, its RPC routes, hosted on `tenancy.sock`.
public enum TenancyService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .tenancy, config: config, migrations: TenancyMigrations.all, logger: logger)
        let teams = TeamHandlers(store: SQLiteTeamStore(database: database), now: { .now })
        var router = RPCRouter()
        router.unary(TenancyV1.createTeam) { request, _ in try await teams.create(request) }
        router.unary(TenancyV1.listTeams) { request, _ in try await teams.list(request) }
        return ServiceHost(name: .tenancy, config: config, router: router, database: database, logger: logger)
    }
}
