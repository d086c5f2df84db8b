import BerthModel
import BerthRPC
import BerthRuntime

/// The RPCs: validation (nothing half-stored) in front of the group-commit queue and the store.
struct AuditLogHandlers: Sendable {
    let store: any AuditStore
    let queue: GroupCommitQueue
    let publicKeyPem: String
    /// `berth_audit_append_duration_seconds` (validation to durable commit) and `berth_audit_events_appended_total`.
    let metrics: MetricsRegistry

    static let maxBatch = 1000
    /// One event's protobuf encoding; details are meant to be small.
    static let maxEventBytes = 64 * 1024
    static let maxTail = 1000

    init(store: any AuditStore, publicKeyPem: String, metrics: MetricsRegistry = MetricsRegistry()) {
        metrics.histogram(
            "berth_audit_append_duration_seconds", help: "Time from an Append's arrival to its durable commit (group commit).")
        metrics.counter("berth_audit_events_appended_total", help: "Audit events appended (duplicates not counted).")
        self.metrics = metrics
        self.store = store
        self.queue = GroupCommitQueue(store: store)
        self.publicKeyPem = publicKeyPem
    }

    func append(_ request: AuditV1.AppendRequest) async throws -> AuditV1.AppendResponse {
        // A monotonic clock for a measurement only; nothing decides on it.
        let started = ContinuousClock.now
        let encoded = try Self.validate(request.events)
        let outcomes = try await queue.append(encoded)
        metrics.observe("berth_audit_append_duration_seconds", [:], (ContinuousClock.now - started) / .seconds(1))
        metrics.increment("berth_audit_events_appended_total", by: Double(outcomes.filter { !$0.duplicate }.count))
        return AuditV1.AppendResponse(
            sequences: outcomes.map(\.sequence), duplicates: UInt32(outcomes.filter(\.duplicate).count))
    }

    /// Checks and encodes the whole batch first: a bad event rejects its own batch and nothing of it is stored.
    static func validate(_ events: [AuditV1.Event]) throws(AuditError) -> [EncodedEvent] {
        guard events.count <= maxBatch else {
            throw AuditError(
                code: .tooManyEvents,
                message: "a batch of \(events.count) events is over the limit of \(maxBatch): split it")
        }
        var encoded: [EncodedEvent] = []
        encoded.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            guard !event.id.isEmpty else {
                throw AuditError(code: .invalidEvent, message: "event \(index) has no id: set a client-generated UUID")
            }
            do {
                _ = try AuditAction(validating: event.action)
            } catch {
                throw AuditError(code: .invalidEvent, message: "event \(index) (\(event.id)): \(error.message)")
            }
            let item: EncodedEvent
            do {
                item = try EncodedEvent(event)
            } catch {
                throw AuditError(code: .invalidEvent, message: "event \(index) (\(event.id)) cannot be encoded: \(error)")
            }
            guard item.bytes.count <= maxEventBytes else {
                throw AuditError(
                    code: .invalidEvent,
                    message: "event \(index) (\(event.id)) is \(item.bytes.count) bytes, over the limit of "
                        + "\(maxEventBytes): keep details small (ids and names, not documents)")
            }
            encoded.append(item)
        }
        return encoded
    }

    func tail(_ request: AuditV1.TailRequest) async throws -> AuditV1.TailResponse {
        let limit = request.limit == 0 ? 100 : min(Int(request.limit), Self.maxTail)
        return AuditV1.TailResponse(records: try await store.tail(limit: limit))
    }

    func query(_ request: AuditV1.QueryRequest) async throws -> AuditV1.QueryResponse {
        let query = try AuditQuery(request)
        let page = try await store.query(query)
        let token = page.more
            ? page.records.last.map { PageToken.encode(lastSequence: $0.sequence, oldestFirst: request.oldestFirst) }
            : nil
        return AuditV1.QueryResponse(records: page.records, nextPageToken: token ?? "")
    }

    func listCheckpoints(_ request: AuditV1.ListCheckpointsRequest) async throws -> AuditV1.ListCheckpointsResponse {
        let limit = request.limit == 0 ? 100 : min(Int(request.limit), 1000)
        return AuditV1.ListCheckpointsResponse(
            checkpoints: try await store.checkpoints(after: request.afterSequence, limit: limit),
            publicKeyPem: publicKeyPem)
    }

    func verify(_ request: AuditV1.VerifyRequest) async throws -> AuditV1.VerifyResponse {
        try await store.verify()
    }
}
