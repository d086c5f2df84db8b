import BerthAuditClient
import BerthRPC

/// The `AuditEventSink` berth-audit records its own `service.started` / `service.stopped` through: the same
/// validation and group-commit path as an `Append` over the socket, without the socket (which does not serve yet
/// when the service starts, nor any more when it stops).
///
/// Follows the sink contract: returns once the events are committed; an invalid batch is `.rejected` (nothing of
/// it stored); a storage failure is `.unreachable`, so the recorder spools and replays the events. `timeout` is
/// not applied: there is no peer to wait for, only the local commit (bounded by `storage.busyTimeout`).
struct LocalAuditEventSink: AuditEventSink {
    let handlers: AuditLogHandlers

    func append(_ events: [AuditV1.Event], timeout: Duration) async throws(AuditClientError) {
        let encoded: [EncodedEvent]
        do {
            encoded = try AuditLogHandlers.validate(events)
        } catch {
            throw AuditClientError(code: .rejected, message: "berth-audit refused its own events: \(error.message)")
        }
        do {
            _ = try await handlers.queue.append(encoded)
        } catch {
            throw AuditClientError(code: .unreachable, message: "audit.db did not take berth-audit's own events: \(error)")
        }
    }
}
