import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime

/// Counts logins as identity records them: every sign-in path (password RPC, the login page, the device flow,
/// upstream OIDC) ends in a `session.started` (allowed or denied) or `login.failed` event, so counting at the
/// recorder covers them all and cannot drift from the audit log. Wraps the service's recorder (or stands alone
/// when audit is disabled in tests) and passes every event on unchanged.
///
/// `berth_identity_logins_total{outcome="success|failure", via}`: `via` is the first part of the actor's
/// `authenticatedBy` (`password`, `upstream`, …), never a user name, so the label set stays small.
struct LoginMetricsRecorder: AuditRecording {
    let inner: (any AuditRecording)?
    let metrics: MetricsRegistry

    static let family = "berth_identity_logins_total"

    init(inner: (any AuditRecording)?, metrics: MetricsRegistry) {
        metrics.counter(Self.family, help: "Sign-ins by outcome and method (from identity's audit events).")
        self.inner = inner
        self.metrics = metrics
    }

    @discardableResult
    func record(_ events: [AuditV1.Event]) async throws(AuditClientError) -> [AuditV1.Event] {
        for event in events {
            let outcome: String
            switch event.action {
            case AuditAction.sessionStarted.rawValue: outcome = event.outcome == .allowed ? "success" : "failure"
            case AuditAction.loginFailed.rawValue: outcome = "failure"
            default: continue
            }
            let via = event.actor?.authenticatedBy.split(separator: ":").first.map(String.init) ?? ""
            metrics.increment(Self.family, ["outcome": outcome, "via": via.isEmpty ? "unknown" : via])
        }
        guard let inner else { return events }
        return try await inner.record(events)
    }
}
