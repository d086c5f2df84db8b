import BerthAuditClient
import BerthRPC
import Synchronization

/// An `AuditEventSink` that stores in memory, drops duplicates by id like berth-audit, and can be told to be
/// unreachable or to reject everything.
final class FakeAuditSink: AuditEventSink {
    enum Mode { case up, unreachable, rejecting }

    private struct State {
        var mode = Mode.up
        var stored: [AuditV1.Event] = []
        var appends = 0
    }
    private let state = Mutex(State())

    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }
    var stored: [AuditV1.Event] { state.withLock { $0.stored } }
    var appends: Int { state.withLock { $0.appends } }

    func append(_ events: [AuditV1.Event], timeout: Duration) async throws(AuditClientError) {
        try state.withLock { state throws(AuditClientError) in
            switch state.mode {
            case .unreachable:
                throw AuditClientError(code: .unreachable, message: "fake audit is down")
            case .rejecting:
                throw AuditClientError(code: .rejected, message: "fake audit rejects")
            case .up:
                state.appends += 1
                for event in events where !state.stored.contains(where: { $0.id == event.id }) {
                    state.stored.append(event)
                }
            }
        }
    }
}
