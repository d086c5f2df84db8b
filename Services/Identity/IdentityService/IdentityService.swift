import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Logging

/// Builds the identity service: its database, its RPC routes, hosted on `identity.sock`.
public enum IdentityService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .identity, config: config, migrations: IdentityMigrations.all, logger: logger)
        logger.info("ldap client library", metadata: ["libldap": "\(LDAPLibrary.describe())"])
        let whoAmI = WhoAmIHandler(adminGroupName: config.rpc.adminGroup)
        var router = RPCRouter()
        router.unary(IdentityV1.whoAmI) { _, call in whoAmI.answer(for: call.peer) }
        return ServiceHost(name: .identity, config: config, router: router, database: database, logger: logger)
    }
}
