import BerthRPC

/// Where audit events live.
///
/// Contract:
/// - `append(round:)` commits all batches of a round in one durable transaction (one fsync) and returns one
///   result per batch, in order: each batch is stored completely or not at all (a failing batch does not stop
///   the others). When it returns, every successful batch is durable.
/// - An event whose id is already stored is not stored again; its first sequence is returned (idempotent retry),
///   also when the first copy is earlier in the same round or batch.
/// - Sequences are assigned in round order, without gaps, and never reused; each event's hash chains to the
///   previous one (`AuditChain`).
/// - A signed checkpoint is written in the same transaction whenever `checkpointEvery` events have been
///   stored since the last one.
protocol AuditStore: Sendable {
    func append(round: [[EncodedEvent]]) async throws -> [Result<[AppendOutcome], any Error>]
    /// The newest `limit` records, newest first.
    func tail(limit: Int) async throws -> [AuditV1.Record]
    /// One page of records matching `query`, and whether more follow.
    func query(_ query: AuditQuery) async throws -> (records: [AuditV1.Record], more: Bool)
    /// Checkpoints after `sequence`, oldest first.
    func checkpoints(after sequence: UInt64, limit: Int) async throws -> [AuditV1.Checkpoint]
    /// Signs a checkpoint at the head if events were stored since the last one (the time-based trigger).
    func checkpointIfBehind() async throws -> AuditV1.Checkpoint?
    /// Drops the oldest events the policy no longer keeps, up to the newest checkpoint that allows it; returns
    /// how many were dropped. The checkpoint's hash becomes the chain's new genesis (`chain_anchor`).
    func prune(_ policy: RetentionPolicy) async throws -> Int
    /// The last sequence the sink `name` delivered (0: none yet).
    func sinkCursor(_ name: String) async throws -> UInt64
    /// Records that sink `name` delivered everything up to `sequence`.
    func setSinkCursor(_ name: String, to sequence: UInt64) async throws
    /// Recomputes the chain and checks the checkpoints in one read snapshot.
    func verify() async throws -> AuditV1.VerifyResponse
}
