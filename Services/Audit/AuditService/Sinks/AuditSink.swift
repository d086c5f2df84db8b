import BerthRPC

/// An export destination for audit records and signed checkpoints (JSON-lines file, syslog, webhook).
///
/// Contract: `deliver` returns only once the destination has the items (written and fsync'd, sent, or answered
/// 2xx); it throws otherwise and will be called again with the same items (at-least-once: a receiver
/// deduplicates by sequence and type, or by event id). It is called by one `SinkPump` at a time, in chain
/// order: events by sequence, each checkpoint after the event it signs (a checkpoint signed later, by the timer,
/// comes in a later delivery).
protocol AuditSink: Sendable {
    /// The key of this sink's cursor in `sink_cursors` (stable across restarts).
    var name: String { get }
    func deliver(_ items: [ExportItem]) async throws
}
