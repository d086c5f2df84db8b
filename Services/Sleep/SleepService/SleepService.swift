import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Foundation
import Logging

/// Builds the sleep service: its database, its RPC routes and its controller loop, hosted on `sleep.sock`.
public enum SleepService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .sleep, config: config, migrations: SleepMigrations.all, logger: logger)
        let paths = BerthPaths(config: config)
        let recorder = ServiceHost.makeAuditRecorder(for: .sleep, config: config, logger: logger)
        let tenancy = UnixRPCClient(
            socketPath: paths.socketPath(for: .tenancy), defaultDeadline: .seconds(10), connectRetry: .seconds(2))
        let principals = PrincipalResolver(config: config)
        let metrics = MetricsRegistry()
        let parts = try Parts(
            database: database, directory: TenancySpaceDirectory(client: tenancy),
            authorizer: TenancySpaceAuthorizer(tenancy: tenancy, principals: principals),
            clients: ClusterClients(logger: logger), recorder: recorder, pricing: config.sleep,
            wakeTimeout: config.sleep.wakeTimeout.duration, principals: principals,
            now: { Date() }, clock: ContinuousClock(), logger: logger, metrics: metrics)
        let controller = SleepController(
            engine: parts.engine, interval: config.sleep.interval.duration, clock: ContinuousClock(), logger: logger)
        return ServiceHost(
            name: .sleep, config: config, router: parts.router, companions: [controller], database: database,
            audit: .recorder(recorder), metrics: metrics, logger: logger)
    }

    /// Everything but the hosting, so that tests build the same routes and engine with their own directory,
    /// authorizer, clusters, audit recorder and clock.
    struct Parts: Sendable {
        let engine: SleepEngine
        let router: RPCRouter

        init(
            database: BerthDatabase, directory: any SpaceDirectory, authorizer: any SpaceAuthorizer,
            clients: ClusterClients, recorder: (any AuditRecording)?, pricing: BerthConfig.Sleep, wakeTimeout: Duration,
            principals: PrincipalResolver, now: @escaping @Sendable () -> Date, clock: any Clock<Duration>, logger: Logger,
            metrics: MetricsRegistry = MetricsRegistry()
        ) throws {
            let audit = SleepAudit(recorder: recorder, logger: logger, metrics: metrics)
            let activityStore = SQLiteActivityStore(database: database)
            let policyStore = SQLiteSleepPolicyStore(database: database)
            let savingsStore = SavingsStore(database: database)
            engine = SleepEngine(
                directory: directory, clients: clients, states: SleepStateStore(database: database),
                policies: policyStore, activity: activityStore, savings: savingsStore, audit: audit, locks: SpaceLocks(),
                now: now, logger: logger)
            let legacy = PolicyHandlers(store: SQLitePolicyStore(database: database))
            let activity = ActivityHandlers(store: activityStore)
            let policies = SleepPolicyHandlers(store: policyStore, directory: directory, audit: audit)
            let control = ControlHandlers(engine: engine, authorizer: authorizer, clock: clock, defaultWakeTimeout: wakeTimeout)
            let savings = SavingsHandlers(
                store: savingsStore, calculator: try SavingsCalculator(pricing: pricing), now: now)
            var router = RPCRouter()
            router.unary(SleepV1.setPolicy) { request, _ in try await legacy.set(request) }
            router.unary(SleepV1.getPolicy) { request, _ in try await legacy.get(request) }
            router.unary(SleepV1.recordActivity) { request, _ in try await activity.record(request) }
            router.unary(SleepV1.getActivity) { request, _ in try await activity.get(request) }
            router.unary(SleepV1.setSleepPolicy) { request, context in
                // Policies are the admins' (a person through the gateway only with berth-admins).
                let caller: Principal
                do {
                    caller = try await principals.principal(of: context)
                } catch let error as PrincipalError {
                    throw SleepError(code: error.code == .unavailable ? .unavailable : .unauthenticated, message: error.message)
                }
                guard caller.isAdmin else {
                    throw SleepError(
                        code: .permissionDenied,
                        message: "only Berth admins set sleep policies; \(caller.username) is not one")
                }
                return try await policies.set(
                    request, actor: SleepActor(username: caller.username, isAdmin: true, auditActor: caller.auditActor))
            }
            router.unary(SleepV1.getSleepPolicy) { request, _ in try await policies.get(request) }
            router.unary(SleepV1.wakeSpace) { request, context in
                try await control.wake(request, peer: context.peer, metadata: context.metadata)
            }
            router.unary(SleepV1.sleepSpace) { request, context in
                try await control.sleep(request, peer: context.peer, metadata: context.metadata)
            }
            router.unary(SleepV1.keepAwake) { request, context in
                try await control.keepAwake(request, peer: context.peer, metadata: context.metadata)
            }
            router.unary(SleepV1.getSleepState) { request, _ in try await control.state(request) }
            router.unary(SleepV1.savingsReport) { request, _ in try await savings.report(request) }
            self.router = router
        }
    }
}
