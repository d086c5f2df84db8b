import BerthRPC
import Glibc

/// Who caused a transition: the controller itself (schedule, inactivity, TTL) or a person or admin (manual).
struct SleepActor: Sendable, Equatable {
    var username: String
    /// A local admin (root, Berth's user, `rpc.adminGroup`): may wake a prevent-wake space.
    var isAdmin: Bool
    var auditActor: AuditV1.Actor

    /// berth-sleep acting on its own.
    static var controller: SleepActor {
        SleepActor(
            username: "berth-sleep", isAdmin: true,
            auditActor: AuditV1.Actor(
                subject: "berth-sleep", username: "berth-sleep", authenticatedBy: "process", source: "uid:\(getuid())"))
    }

    /// The reason text of a manual transition: "manual by alice".
    var manualReason: String { "manual by \(username)" }
}
