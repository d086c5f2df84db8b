import BerthRPC
import Logging
import ServiceLifecycle

/// Moves one sink along the log: reads the records (and signed checkpoints) after its cursor (stored in `audit.db`, so a restart resumes
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

    /// The cursor of the checkpoints a sink delivered, beside its event cursor in `sink_cursors`.
    static func checkpointCursorName(_ sink: String) -> String { sink + ".checkpoints" }

    /// Delivers the next batch after the cursors; returns how many items (records and checkpoints) went out
    /// (0: caught up).
    ///
    /// Two cursors: the last event sequence delivered, and the sequence of the last checkpoint delivered. A
    /// checkpoint goes out once the event it signs has gone (in the same delivery or an earlier one); checkpoint
    /// sequences only grow, so one the timer signs after its event went out is still after the checkpoint cursor
    /// and goes in the next delivery. Both cursors move only after `deliver` succeeded.
    func pumpOnce() async throws -> Int {
        let cursor = try await store.sinkCursor(sink.name)
        let checkpointCursorName = Self.checkpointCursorName(sink.name)
        let checkpointCursor = try await store.sinkCursor(checkpointCursorName)
        let query = try AuditQuery(AuditV1.QueryRequest(oldestFirst: true, pageSize: UInt32(batchSize), afterSequence: cursor))
        let records = try await store.query(query).records
        let delivered = records.last?.sequence ?? cursor
        let checkpoints = try await store.checkpoints(after: checkpointCursor, limit: batchSize)
            .prefix { $0.sequence <= delivered }
        guard !records.isEmpty || !checkpoints.isEmpty else { return 0 }
        try await sink.deliver(ExportItem.merged(records: records, checkpoints: Array(checkpoints)))
        if let last = checkpoints.last { try await store.setSinkCursor(checkpointCursorName, to: last.sequence) }
        if let last = records.last { try await store.setSinkCursor(sink.name, to: last.sequence) }
        return records.count + checkpoints.count
    }
}
