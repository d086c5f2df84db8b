import BerthModel
import BerthRPC

/// The log RPCs: validation (nothing half-stored) on top of an `AuditStore`.
struct AuditLogHandlers: Sendable {
    let store: any AuditStore

    static let maxBatch = 1000
    static let maxTail = 1000

    func append(_ request: AuditV1.AppendRequest) async throws -> AuditV1.AppendResponse {
        guard request.events.count <= Self.maxBatch else {
            throw AuditError(
                code: .tooManyEvents,
                message: "a batch of \(request.events.count) events is over the limit of \(Self.maxBatch): split it")
        }
        // Validate the whole batch first: a bad event rejects the batch and nothing is stored.
        for (index, event) in request.events.enumerated() {
            guard !event.id.isEmpty else {
                throw AuditError(code: .invalidEvent, message: "event \(index) has no id: set a client-generated UUID")
            }
            do {
                _ = try AuditAction(validating: event.action)
            } catch {
                throw AuditError(code: .invalidEvent, message: "event \(index) (\(event.id)): \(error.message)")
            }
        }
        let results = try await store.append(request.events)
        return AuditV1.AppendResponse(
            sequences: results.map(\.sequence), duplicates: UInt32(results.filter(\.duplicate).count))
    }

    func tail(_ request: AuditV1.TailRequest) async throws -> AuditV1.TailResponse {
        let limit = request.limit == 0 ? 100 : min(Int(request.limit), Self.maxTail)
        return AuditV1.TailResponse(records: try await store.tail(limit: limit))
    }
}
