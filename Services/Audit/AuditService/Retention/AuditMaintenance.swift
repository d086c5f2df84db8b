import Logging
import ServiceLifecycle

/// The time-driven work of the audit log, as a companion `Service` of the audit host: every
/// `checkpointInterval` it signs a checkpoint if events arrived since the last one, then applies retention.
/// Stops on graceful shutdown.
struct AuditMaintenance: Service {
    let store: any AuditStore
    let interval: Duration
    let retention: RetentionPolicy
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

    /// One pass: checkpoint, then retention. Failures are logged and retried next pass.
    func runOnce() async {
        do {
            if let checkpoint = try await store.checkpointIfBehind() {
                logger.info("audit checkpoint signed", metadata: ["sequence": "\(checkpoint.sequence)"])
            }
            let pruned = try await store.prune(retention)
            if pruned > 0 { logger.info("audit retention pruned events", metadata: ["events": "\(pruned)"]) }
        } catch {
            logger.error("audit maintenance failed", metadata: ["error": "\(error)"])
        }
    }
}
