import BerthRPC

/// An export destination for audit records (JSON-lines file, syslog, webhook).
///
/// Contract: `deliver` returns only once the destination has the records (written and fsync'd, sent, or
/// answered 2xx); it throws otherwise and will be called again with the same records (at-least-once: a receiver
/// deduplicates by sequence or event id). It is called by one `SinkPump` at a time, records in sequence order.
protocol AuditSink: Sendable {
    /// The key of this sink's cursor in `sink_cursors` (stable across restarts).
    var name: String { get }
    func deliver(_ records: [AuditV1.Record]) async throws
}
