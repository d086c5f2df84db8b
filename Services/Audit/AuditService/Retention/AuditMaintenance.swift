import Logging
import ServiceLifecycle

/// The time-driven work of the audit log, as a companion `Service` of the audit host: every
/// `checkpointInterval` it signs a checkpoint if events arrived since the last one, then applies retention.
/// Stops on graceful shutdown.
///
/// Retention never drops what an export sink has not delivered yet: while one is behind (down, or slower than
/// the log grows), every pass logs one warning naming it, its cursor and how much retention is held back.
struct AuditMaintenance: Service {
    let store: any AuditStore
    let interval: Duration
    let retention: RetentionPolicy
    /// The configured sinks' cursor names (`AuditSink.name`).
    var sinks: [String] = []
    let clock: any Clock<Duration>
    let logger: Logger

    func run() async throws {
        guard interval > .zero else { return }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await clock.sleep(for: interval, tolerance: nil)
                } catch {
                    return
                }
                await runOnce()
            }
        }
    }

    /// One pass: checkpoint, retention, then query statistics when due; returns what retention did. Failures
    /// are logged (nil) and retried next pass.
    @discardableResult
    func runOnce() async -> PruneResult? {
        do {
            if let checkpoint = try await store.checkpointIfBehind() {
                logger.info("audit checkpoint signed", metadata: ["sequence": "\(checkpoint.sequence)"])
            }
            let result = try await store.prune(retention, sinks: sinks)
            if result.pruned > 0 {
                logger.info("audit retention pruned events", metadata: ["events": "\(result.pruned)"])
            }
            if let hold = result.heldBackBy {
                logger.warning(
                    "audit retention held back by a sink that has not delivered the events yet",
                    metadata: [
                        "sink": "\(hold.sink)", "sinkCursor": "\(hold.cursor)",
                        "policyKeepsFrom": "\(hold.policyKeepsFrom)",
                        "eventsHeldBack": "\(hold.policyKeepsFrom - hold.cursor - 1)",
                    ])
            }
            if let analyzed = try await store.refreshQueryStatistics() {
                logger.info("audit query statistics refreshed", metadata: ["events": "\(analyzed)"])
            }
            return result
        } catch {
            logger.error("audit maintenance failed", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
