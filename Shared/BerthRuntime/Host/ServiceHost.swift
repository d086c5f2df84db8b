import BerthAuditClient
import BerthModel
import BerthRPC
import BerthStore
import Glibc
import Logging
import ServiceLifecycle

/// Runs one Berth service process: its RPC server on `<runtimeDir>/<name>.sock` with the standard
/// `grpc.health.v1` service and the service's own routes, plus companion services (the gateway's HTTP listener),
/// in one `ServiceGroup` that stops gracefully on SIGTERM or SIGINT.
///
/// Health says NOT_SERVING until the socket is bound and every companion has started, SERVING after, and
/// NOT_SERVING again as soon as shutdown begins, so the supervisor and `/readyz` never see a half-started or
/// half-stopped service as ready.
///
/// Every service serves `berth.metrics.v1.Metrics/Scrape` with its `MetricsRegistry`.
///
/// A service with a database also serves `berth.admin.v1.Admin/Backup` for it (admins only): pass `database:`,
/// or open it with `openDatabase`, which the host finds by its configured path.
public struct ServiceHost: Sendable {
    public let name: ServiceName
    let config: BerthConfig
    let router: RPCRouter
    let companions: [any Service]
    let database: BerthDatabase?
    let audit: ServiceAudit
    /// The service's own numbers, served as `Metrics/Scrape` (the gateway's `/metrics` collects them).
    let metrics: MetricsRegistry
    let logger: Logger

    /// - Parameter database: the service's database, for `Admin/Backup` (default: the one `openDatabase` opened).
    /// - Parameter audit: how the service records its own start and stop (see `ServiceAudit`).
    public init(
        name: ServiceName, config: BerthConfig, router: RPCRouter, companions: [any Service] = [],
        database: BerthDatabase? = nil, audit: ServiceAudit = .automatic, metrics: MetricsRegistry = MetricsRegistry(),
        logger: Logger
    ) {
        self.metrics = metrics
        self.name = name
        self.config = config
        self.router = router
        self.companions = companions
        self.database = database
        self.audit = audit
        self.logger = logger
    }

    /// How long a graceful stop may take before the parts still running are cancelled.
    public static let maximumGracefulStop: Duration = .seconds(8)

    /// Opens (creating if needed) the service's own database with its migrations applied.
    public static func openDatabase(
        for name: ServiceName, config: BerthConfig, migrations: [Migration], logger: Logger
    ) throws -> BerthDatabase {
        let paths = BerthPaths(config: config)
        try paths.prepare()
        guard let path = paths.databasePath(for: name) else {
            throw BerthRuntimeError(
                code: .invalidConfig, message: "\(name.executableName) owns no database; nothing to open")
        }
        let database = try BerthDatabase.open(
            path: path, migrations: migrations, synchronous: config.storage.synchronous == .full ? .full : .normal,
            busyTimeout: config.storage.busyTimeout.duration, logger: logger)
        OpenDatabases.register(database)
        return database
    }

    /// Serves until SIGTERM/SIGINT, cancellation, or a value on `stop`, then stops.
    ///
    /// `stop` is the graceful way for an in-process owner (tests, an embedding program): it shuts the group down
    /// as SIGTERM does, so the RPC server stops accepting and drains its connections. Cancelling the task instead
    /// also cancels grpc-swift's accept loop, and a connection accepted in that instant but never served traps
    /// in NIO ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#2637): seen in our test runs.
    public func run(stop: AsyncStream<Void>? = nil) async throws {
        let paths = BerthPaths(config: config)
        try paths.prepare()
        let health = GRPCHealthService(overall: .notServing)
        health.setStatus(.notServing, for: name.rpcServiceName)
        var router = self.router
        health.register(in: &router)
        let metrics = self.metrics
        router.unary(MetricsV1.scrape) { _, _ in MetricsV1.ScrapeResponse(text: await metrics.exposition()) }
        if let database = database ?? paths.databasePath(for: name).flatMap(OpenDatabases.database(at:)) {
            let backups = BackupHandler(service: name, database: database)
            router.unary(AdminV1.backup) { request, _ in try backups.backup(request) }
        }

        let server = UnixRPCServer(
            socketPath: paths.socketPath(for: name), router: router,
            authorizer: PeerCredentialAuthorizer.berth(adminGroup: config.rpc.adminGroup),
            limits: RPCLimits(maxMessageBytes: config.rpc.maxMessageBytes), logger: logger)
        let recorder = resolvedAuditRecorder()
        let readiness = ReadinessAnnouncer(
            server: server, health: health, serviceName: name,
            lifecycleAudit: recorder.map { ServiceLifecycleAudit(recorder: $0, service: name, logger: logger) },
            logger: logger)
        // The recorder comes first, so it stops last: events recorded while the others stop are still delivered.
        var configuration = ServiceGroupConfiguration(
            services: (recorder.map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? [])
                + [.init(service: server), .init(service: readiness)] + companions.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // A part that does not finish its graceful stop in time is cancelled, so a stop always ends, and ends
        // before berthd (stopGracePeriod 10 s) or systemd (TimeoutStopSec 15 s) would SIGKILL the process.
        configuration.maximumGracefulShutdownDuration = Self.maximumGracefulStop
        let group = ServiceGroup(configuration: configuration)
        logger.info("service starting", metadata: ["pid": "\(getpid())", "socket": "\(server.socketPath)"])
        if let stop {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                tasks.addTask {
                    for await _ in stop { break }
                    await group.triggerGracefulShutdown()
                }
                // The group ending (by `stop`, a signal or an error) ends the watcher too.
                try await tasks.next()
                tasks.cancelAll()
            }
        } else {
            try await group.run()
        }
        logger.info("service stopped")
    }
}

/// Flips health to SERVING once the socket listens, and back to NOT_SERVING when shutdown begins; records
/// `service.started` and `service.stopped` at those two moments.
struct ReadinessAnnouncer: Service {
    let server: UnixRPCServer
    let health: GRPCHealthService
    let serviceName: ServiceName
    let lifecycleAudit: ServiceLifecycleAudit?
    let logger: Logger

    func run() async throws {
        try await server.waitUntilListening()
        health.setStatus(.serving, for: "")
        health.setStatus(.serving, for: serviceName.rpcServiceName)
        logger.info("service serving")
        await lifecycleAudit?.record(.serviceStarted)
        // Wait for shutdown without busy work; a graceful shutdown ends the wait.
        try? await gracefulShutdown()
        health.setStatus(.notServing, for: "")
        health.setStatus(.notServing, for: serviceName.rpcServiceName)
        await lifecycleAudit?.record(.serviceStopped)
    }
}
