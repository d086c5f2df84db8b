import BerthAuditClient
import BerthModel
import BerthRPC
import Logging

/// Records the audit event of an administrative change (keys, users, groups, whether asked through the CLI or
/// SCIM) after the change is stored. The change has happened either way: a failure to record (audit down and
/// no spool) is logged, not answered as an error, so that a retry does not apply it twice.
struct AdminAudit: Sendable {
    let recorder: (any AuditRecording)?
    let logger: Logger

    func record(
        _ action: AuditAction, by caller: Caller, target: AuditV1.Target, details: [String: String] = [:]
    ) async {
        guard let recorder else { return }
        do {
            try await recorder.record(action, actor: caller.auditActor, target: target, details: details)
        } catch {
            logger.warning(
                "cannot record an admin change", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}
