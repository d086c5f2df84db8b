import BerthModel
import BerthRPC

/// What a service calls to record audit events. `AuditRecorder` is the real one; tests and the audit service
/// may pass their own.
///
/// Contract: `record` assigns an id (when empty) and a time (when zero) to each event, checks each action against
/// `AuditAction`'s vocabulary (an unknown action throws `.invalidEvent` and nothing of the call is recorded),
/// keeps the order of the events of one call and of calls made one after the other, and returns the events as
/// recorded. It never waits without bound: after the configured timeout audit counts as unreachable, and then the
/// events are spooled or the call throws `.refused`, as configured.
public protocol AuditRecording: Sendable {
    @discardableResult
    func record(_ events: [AuditV1.Event]) async throws(AuditClientError) -> [AuditV1.Event]
}

extension AuditRecording {
    @discardableResult
    public func record(_ event: AuditV1.Event) async throws(AuditClientError) -> AuditV1.Event {
        let recorded = try await record([event])
        return recorded.first ?? event
    }

    /// Records one action, e.g. `record(.spaceCreated, actor: …, target: …)`.
    @discardableResult
    public func record(
        _ action: AuditAction, actor: AuditV1.Actor?, target: AuditV1.Target? = nil,
        outcome: AuditV1.Outcome = .allowed, reason: String = "", details: [String: String] = [:]
    ) async throws(AuditClientError) -> AuditV1.Event {
        try await record(
            AuditV1.Event(
                actor: actor, action: action.rawValue, target: target, outcome: outcome, reason: reason,
                details: details))
    }
}
