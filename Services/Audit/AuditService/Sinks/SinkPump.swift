import BerthRPC
import Logging
import ServiceLifecycle

/// Moves one sink along the log: reads the records after its cursor (stored in `audit.db`, so a restart resumes
/// where it stopped), delivers them, then advances the cursor. A failing sink is retried with exponential
/// backoff and falls behind; it never skips: the cursor moves only after a delivery succeeded.
struct SinkPump: Service {
    let sink: any AuditSink
    let store: any AuditStore
    let clock: any Clock<Duration>
    let logger: Logger
    var pollInterval: Duration = .seconds(1)
    var backoffInitial: Duration = .milliseconds(200)
    var backoffMax: Duration = .seconds(30)
    var batchSize = 100

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var backoff = backoffInitial
            while !Task.isCancelled {
                let wait: Duration
                do {
                    wait = try await pumpOnce() == 0 ? pollInterval : .zero
                    backoff = backoffInitial
                } catch {
                    logger.warning(
                        "audit sink delivery failed; retrying", metadata: ["sink": "\(sink.name)", "error": "\(error)"])
                    wait = backoff
                    backoff = min(backoff * 2, backoffMax)
                }
                if wait > .zero {
                    do { try await clock.sleep(for: wait, tolerance: nil) } catch { return }
                }
            }
        }
    }

    /// Delivers the next batch after the cursor; returns how many records went out (0: caught up).
    func pumpOnce() async throws -> Int {
        let cursor = try await store.sinkCursor(sink.name)
        let query = try AuditQuery(AuditV1.QueryRequest(oldestFirst: true, pageSize: UInt32(batchSize), afterSequence: cursor))
        let records = try await store.query(query).records
        guard let last = records.last else { return 0 }
        try await sink.deliver(records)
        try await store.setSinkCursor(sink.name, to: last.sequence)
        return records.count
    }
}
