import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Foundation
import Logging

/// Builds the identity service: its database, the bootstrap admin, the issuer, its RPC routes, hosted on
/// `identity.sock`.
public enum IdentityService {
    /// - Parameters:
    ///   - now: seconds since 1970 (tests pass their own clock).
    ///   - audit: how the service records its own events and logins (default: a recorder to berth-audit).
    public static func build(
        config: BerthConfig, logger: Logger, now: (@Sendable () -> Int64)? = nil, audit: ServiceAudit = .automatic
    ) throws -> ServiceHost {
        let now = now ?? { Int64(Date().timeIntervalSince1970) }
        let database = try ServiceHost.openDatabase(
            for: .identity, config: config, migrations: IdentityMigrations.all, logger: logger)
        logger.info("ldap client library", metadata: ["libldap": "\(LDAPLibrary.describe())"])

        let users = SQLiteUserStore(database: database)
        let settings = config.identity
        let local = try LocalPasswordConnector(
            store: users,
            lockout: LockoutPolicy(
                maxFailures: settings.lockoutMaxFailures, duration: settings.lockoutDuration.seconds))
        try BootstrapAdmin(
            username: config.admin.bootstrapUser, passwordFile: config.admin.bootstrapPasswordFile,
            stateDir: config.paths.stateDir
        ).ensure(in: users, connectorID: local.id, now: now(), logger: logger)

        let clients = try OAuthClientRegistry.load(clientsFile: settings.clientsFile, clientIDs: settings.clientIDSet)
            .addingPortalCallback(publicURL: config.gateway.publicURL, clientID: settings.apiAudience)
        let issuer = IDTokenIssuer(
            issuer: config.gateway.publicURL, lifetime: settings.idTokenLifetime.seconds,
            keys: SigningKeyRing(
                store: SQLiteSigningKeyStore(database: database), rotationPeriod: settings.signingKeyRotation.seconds,
                overlap: settings.idTokenLifetime.seconds),
            algorithms: clients.signingAlgorithms)
        let recorder: AuditRecorder?
        let hostAudit: ServiceAudit
        switch audit {
        case .automatic:
            let made = ServiceHost.makeAuditRecorder(for: .identity, config: config, logger: logger)
            recorder = made
            hostAudit = .recorder(made)
        case .recorder(let given):
            recorder = given
            hostAudit = audit
        case .disabled:
            recorder = nil
            hostAudit = .disabled
        }
        // Logins are counted where they are recorded (`LoginMetricsRecorder`); the registry is served on the socket.
        let metrics = MetricsRegistry()
        let loginAudit = LoginMetricsRecorder(inner: recorder, metrics: metrics)
        let connectors = ConnectorRegistry.build(
            local: local, settings: try ConnectorSettings.decode(settings.connectors),
            mirror: SQLiteMirroredUserStore(database: database), logger: logger)
        let login = PasswordLoginHandler(
            connectors: connectors, clients: settings.clientIDSet, issuer: issuer,
            sessions: SQLiteSessionStore(database: database), sessionLifetime: settings.sessionLifetime.seconds,
            audit: loginAudit, now: now, logger: logger)
        let admin = AdminRoutes(
            database: database, users: users, issuer: issuer, clientIDs: settings.clientIDSet,
            rpcAdminGroup: config.rpc.adminGroup, audit: recorder, now: now, logger: logger)
        let issuerHandlers = IssuerHandlers(issuer: issuer, now: now, bearer: admin.bearer)
        let oauth = OAuthHandlers(
            provider: OAuthProvider(
                clients: clients,
                connectors: connectors, issuer: issuer, users: users, sessions: SQLiteSessionStore(database: database),
                store: SQLiteOAuthStore(database: database),
                lifetimes: OAuthLifetimes(
                    session: settings.sessionLifetime.seconds, refreshIdle: settings.refreshIdleLifetime.seconds,
                    refreshAbsolute: settings.refreshAbsoluteLifetime.seconds),
                audit: loginAudit, now: now, logger: logger))

        let whoAmI = WhoAmIHandler(adminGroupName: config.rpc.adminGroup)
        var router = RPCRouter()
        router.unary(IdentityV1.whoAmI) { _, call in whoAmI.answer(for: call.peer) }
        router.unary(IdentityV1.passwordLogin) { request, call in try await login.login(request, peer: call.peer) }
        router.unary(IdentityV1.getJWKS) { _, _ in try issuerHandlers.jwks() }
        router.unary(IdentityV1.getDiscovery) { _, _ in issuerHandlers.discovery() }
        router.unary(IdentityV1.verifyToken) { request, _ in try issuerHandlers.verify(request) }
        admin.register(on: &router)
        let diagnoseLDAP = DiagnoseLDAPHandler(connectors: connectors)
        // Admins only, decided by the caller's token when there is one: through the gateway's relay the peer is
        // Berth's own uid, which must not stand in for the person (the diagnosis says which part of a login failed).
        let resolver = admin.resolver
        router.unary(IdentityV1.diagnoseLDAP) { request, call in
            try await resolver.resolve(call).requireAdmin("diagnosing LDAP logins")
            return try await diagnoseLDAP.diagnose(request)
        }
        oauth.register(on: &router)
        return ServiceHost(name: .identity, config: config, router: router, database: database, audit: hostAudit,
            metrics: metrics, logger: logger)
    }
}

extension BerthConfig.Identity {
    /// `identity.clients` split on commas, trimmed.
    var clientIDSet: Set<String> {
        Set(clientIDs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

extension ConfigDuration {
    /// Whole seconds (token times are whole seconds).
    var seconds: Int64 { duration.components.seconds }
}
