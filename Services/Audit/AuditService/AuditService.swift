import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Logging

/// Builds the audit service: its database, its RPC routes, hosted on `audit.sock`.
public enum AuditService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .audit, config: config, migrations: AuditMigrations.all, logger: logger)
        let log = AuditLogHandlers(store: SQLiteAuditStore(database: database))
        var router = RPCRouter()
        router.unary(AuditV1.append) { request, _ in try await log.append(request) }
        router.unary(AuditV1.tail) { request, _ in try await log.tail(request) }
        return ServiceHost(name: .audit, config: config, router: router, logger: logger)
    }
}
