import BerthModel
import BerthRPC
import BerthRuntime
import BerthStore
import Foundation
import Logging

/// Builds the audit service: its database and signing key, its RPC routes, hosted on `audit.sock`, with the
/// checkpoint/retention timer and one pump per configured export sink as companions.
public enum AuditService {
    public static func build(config: BerthConfig, logger: Logger) throws -> ServiceHost {
        try build(config: config, logger: logger, now: { Date() }, clock: ContinuousClock())
    }

    /// `now` stamps checkpoints and drives retention's age cutoff; `clock` paces the timer (tests inject both).
    public static func build(
        config: BerthConfig, logger: Logger, now: @escaping @Sendable () -> Date, clock: any Clock<Duration>,
        verifier: (any TokenVerifier)? = nil
    ) throws -> ServiceHost {
        let database = try ServiceHost.openDatabase(
            for: .audit, config: config, migrations: AuditMigrations.all, logger: logger)
        let signer: CheckpointSigner
        let paths = BerthPaths(config: config)
        do {
            signer = try CheckpointSigner.load(paths: paths, now: now)
        } catch {
            throw AuditError(
                code: .signingKey,
                message: "cannot load or create the checkpoint signing key \(paths.auditSigningKeyPath) "
                    + "(\(error)): check the file is a P-256 PEM key owned by the user "
                    + "running Berth, or move it away to create a new one")
        }
        let store = SQLiteAuditStore(database: database, signer: signer, checkpointEvery: config.audit.checkpointEvery)
        let metrics = MetricsRegistry()
        let log = AuditLogHandlers(store: store, publicKeyPem: signer.publicKeyPem, metrics: metrics)
        var router = RPCRouter()
        router.unary(AuditV1.append) { request, _ in try await log.append(request) }
        router.unary(AuditV1.tail) { request, _ in try await log.tail(request) }
        router.unary(AuditV1.query) { request, _ in try await log.query(request) }
        router.unary(AuditV1.listCheckpoints) { request, _ in try await log.listCheckpoints(request) }
        router.unary(AuditV1.verify) { request, _ in try await log.verify(request) }
        // Audit's own events (start, stop, webhook changes) go through the same validation and group commit as
        // every Append.
        let recorder = ServiceHost.makeAuditRecorder(
            for: .audit, config: config, sink: LocalAuditEventSink(handlers: log), logger: logger)
        let webhookStore = SQLiteWebhookStore(database: database)
        let webhooks = WebhookHandlers(
            store: webhookStore, principals: PrincipalResolver(config: config, verifier: verifier), recorder: recorder,
            now: now, logger: logger)
        router.unary(AuditV1.createWebhook) { request, context in try await webhooks.create(request, context: context) }
        router.unary(AuditV1.listWebhooks) { _, context in try await webhooks.list(context: context) }
        router.unary(AuditV1.deleteWebhook) { request, context in try await webhooks.delete(request, context: context) }
        router.unary(AuditV1.listWebhookDeliveries) { request, context in
            try await webhooks.deliveries(request, context: context)
        }
        router.unary(AuditV1.redeliverWebhook) { request, context in try await webhooks.redeliver(request, context: context) }
        let dispatcher = WebhookDispatcher(
            store: webhookStore, log: store, sender: WebhookSender(), policy: WebhookRetryPolicy(), now: now, clock: clock,
            logger: logger)

        let sinks = try AuditSinks.configured(config.audit, now: now)
        let maintenance = AuditMaintenance(
            store: store, interval: config.audit.checkpointInterval.duration,
            retention: RetentionPolicy(config: config.audit), sinks: sinks.map(\.name) + [SQLiteWebhookStore.cursorName],
            clock: clock, logger: logger)
        let pumps = sinks.map { SinkPump(sink: $0, store: store, clock: clock, logger: logger) }
        return ServiceHost(
            name: .audit, config: config, router: router, companions: [maintenance, dispatcher] + pumps,
            audit: .recorder(recorder), metrics: metrics, logger: logger)
    }
}
