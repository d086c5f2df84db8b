import BerthAuditClient
import BerthRPC
import Synchronization

/// An `AuditRecording` that keeps the events in memory, for asserting on what sleep recorded.
final class RecordingAudit: AuditRecording, Sendable {
    private let events = Mutex<[AuditV1.Event]>([])

    func record(_ events: [AuditV1.Event]) async throws(AuditClientError) -> [AuditV1.Event] {
        self.events.withLock { $0 += events }
        return events
    }

    var recorded: [AuditV1.Event] { events.withLock { $0 } }

    func actions(for space: String) -> [String] {
        recorded.filter { $0.target?.space == space }.map(\.action)
    }

    func last(_ action: String, space: String) -> AuditV1.Event? {
        recorded.last { $0.action == action && $0.target?.space == space }
    }
}
