import Logging
import ServiceLifecycle

/// berth-sleep's loop: one `SleepEngine` pass every `sleep.interval` (on an injected clock), until graceful
/// shutdown. A pass that fails as a whole (tenancy unreachable) is logged and tried again next interval.
struct SleepController: Service {
    let engine: SleepEngine
    let interval: Duration
    let clock: any Clock<Duration>
    let logger: Logger

    func run() async throws {
        // Graceful shutdown cancels the loop (also mid-pass: an interrupted transition is finished next start).
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let summary = try await engine.runPass()
                    logger.info(
                        "sleep pass done",
                        metadata: [
                            "slept": "\(summary.slept.count)", "woken": "\(summary.woken.count)",
                            "warned": "\(summary.warned.count)", "deleted": "\(summary.deleted.count)",
                            "failed": "\(summary.failed.count)",
                        ])
                } catch {
                    logger.warning("sleep pass failed", metadata: ["error": "\(error)"])
                }
                do {
                    try await clock.sleep(for: interval)
                } catch {
                    return  // cancelled: shutting down
                }
            }
        }
        await engine.clients.shutdown()
    }
}
