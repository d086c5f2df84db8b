import BerthAuditClient
import BerthModel
import BerthRPC
import Logging

/// How tenancy's handlers record what callers did: one event per action, with the caller as actor. A failure to
/// record is logged and never fails the action (the audit client has already spooled or refused per
/// `audit.whenUnreachable`; what reaches here is logged once).
struct TenancyAudit: Sendable {
    let recorder: (any AuditRecording)?
    let logger: Logger

    func record(
        _ action: AuditAction, caller: Caller?, target: AuditV1.Target, outcome: AuditV1.Outcome = .allowed,
        reason: String = ""
    ) async {
        guard let recorder else { return }
        do {
            try await recorder.record(action, actor: caller?.auditActor, target: target, outcome: outcome, reason: reason)
        } catch {
            logger.warning("cannot record audit event", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}
