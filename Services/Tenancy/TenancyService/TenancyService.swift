import BerthAuditClient
import BerthKube
import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Foundation
import Logging
import ServiceLifecycle

/// Builds the tenancy service: its database (with the built-in templates), its RPC routes, hosted on
/// `tenancy.sock`, and — when a cluster is configured — the controller that keeps the cluster matching the spaces.
public enum TenancyService {
    /// - Parameter verifier: checks the bearer tokens callers send; berth-identity over its socket when nil.
    public static func build(
        config: BerthConfig, logger: Logger, verifier: (any TokenVerifier)? = nil
    ) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .tenancy, config: config, migrations: TenancyMigrations.all, logger: logger)
        let teamStore = SQLiteTeamStore(database: database)
        let spaceStore = SQLiteSpaceStore(database: database)
        // Before the socket serves, so that the first CreateSpace finds them.
        try spaceStore.saveTemplatesNow(BuiltInTemplates.all)
        let recorder = ServiceHost.makeAuditRecorder(for: .tenancy, config: config, logger: logger)
        let tenancy = config.tenancy

        let clusterStore = SQLiteClusterStore(database: database)
        if !tenancy.kubeconfig.isEmpty {
            // The config file's cluster: added on first start, its kubeconfig and context kept in line after.
            let name: DNSLabel
            do {
                name = try DNSLabel(tenancy.clusterName, kind: "tenancy.cluster.name")
            } catch {
                throw TenancyError(code: .invalidArgument, message: error.message)
            }
            try clusterStore.upsertConfigured(
                Cluster(
                    name: name, kubeconfig: tenancy.kubeconfig, context: tenancy.kubeContext, isDefault: false,
                    health: .unknown, message: "", checkedAt: nil, createdAt: Date()))
        }
        let fleet = ClusterFleet(
            store: clusterStore, spaces: spaceStore,
            subjects: { space in try await roleSubjects(for: space, teams: teamStore) },
            prefixes: SubjectPrefixes(username: tenancy.usernamePrefix, groups: tenancy.groupsPrefix),
            resyncInterval: tenancy.resyncInterval.duration, healthInterval: tenancy.healthCheckInterval.duration,
            now: { Date() }, logger: logger)
        let spaces = SpaceHandlers(
            store: spaceStore, teams: teamStore, renderer: TemplateRenderer(),
            clusters: { try await clusterStore.clusters().map(\.name) },
            personalSpaceLimit: tenancy.personalSpaceLimit, audit: TenancyAudit(recorder: recorder, logger: logger),
            enqueue: { cluster, space in fleet.enqueue(cluster: cluster, space: space) }, now: { Date() }, logger: logger)
        let clusters = ClusterHandlers(
            store: clusterStore, fleet: fleet, audit: TenancyAudit(recorder: recorder, logger: logger), now: { Date() })
        let teams = TeamHandlers(store: teamStore, now: { .now }, audit: TenancyAudit(recorder: recorder, logger: logger))
        let callers = CallerResolver(resolver: PrincipalResolver(config: config, verifier: verifier))

        var router = RPCRouter()
        router.unary(TenancyV1.createTeam) { request, context in
            try await teams.create(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.updateTeamMembers) { request, context in
            try await teams.updateMembers(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.listTeams) { request, context in
            try await teams.list(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.createSpace) { request, context in
            try await spaces.create(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.getSpace) { request, context in
            try await spaces.get(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.listSpaces) { request, context in
            try await spaces.list(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.deleteSpace) { request, context in
            try await spaces.delete(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.listTemplates) { request, context in
            _ = try await callers.caller(of: context)
            return try await spaces.listTemplates(request)
        }
        router.unary(TenancyV1.getTemplate) { request, context in
            _ = try await callers.caller(of: context)
            return try await spaces.getTemplate(request)
        }
        router.unary(TenancyV1.createTemplate) { request, context in
            try await spaces.createTemplate(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.upgradeSpace) { request, context in
            try await spaces.upgrade(request, caller: await callers.caller(of: context))
        }

        router.unary(TenancyV1.addCluster) { request, context in
            try await clusters.add(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.listClusters) { request, context in
            try await clusters.list(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.getClusterEndpoint) { request, context in
            _ = try await callers.caller(of: context)
            return try await clusters.endpoint(request)
        }
        router.unary(TenancyV1.removeCluster) { request, context in
            try await clusters.remove(request, caller: await callers.caller(of: context))
        }
        let quotas = TeamQuotaHandlers(
            teams: teamStore, spaces: spaceStore, audit: TenancyAudit(recorder: recorder, logger: logger))
        router.unary(TenancyV1.getTeamQuota) { request, context in
            try await quotas.get(request, caller: await callers.caller(of: context))
        }
        router.unary(TenancyV1.setTeamQuota) { request, context in
            try await quotas.set(request, caller: await callers.caller(of: context))
        }

        return ServiceHost(
            name: .tenancy, config: config, router: router, companions: [fleet], database: database,
            audit: .recorder(recorder), metrics: metrics(spaces: spaceStore, fleet: fleet, logger: logger),
            logger: logger)
    }

    /// Read at each scrape: spaces by cluster and phase (from `tenancy.db`), and each cluster's waiting reconciles.
    static func metrics(spaces: SQLiteSpaceStore, fleet: ClusterFleet, logger: Logger) -> MetricsRegistry {
        let metrics = MetricsRegistry()
        metrics.gauge("berth_tenancy_spaces", help: "Spaces by cluster and phase (Pending, Ready, Error, Sleeping, Terminating).") {
            do {
                return try await spaces.countsByPhase().map { (["cluster": $0.cluster, "phase": $0.phase], Double($0.count)) }
            } catch {
                logger.warning("cannot count spaces for metrics", metadata: ["error": "\(error)"])
                return []
            }
        }
        metrics.gauge(
            "berth_tenancy_reconcile_queue_depth", help: "Reconciles waiting per cluster (a pending full resync counts 1)."
        ) { fleet.queueDepths().map { (["cluster": $0.cluster], Double($0.depth)) } }
        return metrics
    }

    /// The team's groups and users by role; a personal space binds its owner as `admin`.
    static func roleSubjects(for space: Space, teams: any TeamStore) async throws -> RoleSubjects {
        guard let team = space.team else { return RoleSubjects(users: [.owner: [space.owner]]) }
        return try await teams.team(named: team.rawValue)?.roleSubjects ?? RoleSubjects()
    }
}

