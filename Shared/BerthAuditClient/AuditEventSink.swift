import BerthRPC

/// Where an `AuditRecorder` delivers events: berth-audit over its socket (`RPCAuditSink`), or, inside the audit
/// service itself, its own store (a local sink the audit service provides).
///
/// Contract:
/// - `append` returns only once every event is durable, in the order given. Events whose id is already stored are
///   dropped silently (idempotent by id), so the recorder may send an event again after any failure.
/// - It throws `AuditClientError` with code `.unreachable` when the events may or may not be stored (no answer
///   in `timeout`, no socket, connection lost): the recorder spools them and sends them again later.
/// - It throws `.rejected` when audit answered and refused the batch, with nothing stored: sending the same
///   events again would fail again.
/// - It never waits longer than `timeout`.
public protocol AuditEventSink: Sendable {
    func append(_ events: [AuditV1.Event], timeout: Duration) async throws(AuditClientError)
}
