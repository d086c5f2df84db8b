import BerthRPC

/// Where audit events live.
///
/// Contract:
/// - `append` is atomic and durable when it returns: all events of the batch are stored, or none.
/// - An event whose id is already stored is not stored again; its first sequence is returned (idempotent retry).
/// - Sequences are assigned in batch order and never reused.
protocol AuditStore: Sendable {
    /// Returns, per event, its sequence and whether it was a duplicate.
    func append(_ events: [AuditV1.Event]) async throws -> [(sequence: UInt64, duplicate: Bool)]
    /// The newest `limit` records, newest first.
    func tail(limit: Int) async throws -> [AuditV1.Record]
}
