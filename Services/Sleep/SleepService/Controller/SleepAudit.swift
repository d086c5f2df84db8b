import BerthAuditClient
import BerthModel
import BerthRPC
import BerthRuntime
import Logging

/// Records sleep's audit events: the space as target, the reason, and details. A failure to record is logged,
/// never thrown: the recorder spools when audit is unreachable, and a sleep or wake already done is not undone.
///
/// Every event is also a sample of `berth_sleep_transitions_total{action}` (slept, woken, expired, conflicts…),
/// counted here because every sleep, wake and deletion is recorded here, whichever path did it.
struct SleepAudit: Sendable {
    let recorder: (any AuditRecording)?
    let logger: Logger
    let metrics: MetricsRegistry

    init(recorder: (any AuditRecording)?, logger: Logger, metrics: MetricsRegistry = MetricsRegistry()) {
        metrics.counter(
            "berth_sleep_transitions_total",
            help: "Sleep's actions on spaces by audit action (space.slept, space.woken, space.expired, …).")
        self.recorder = recorder
        self.logger = logger
        self.metrics = metrics
    }

    func record(
        _ action: AuditAction, space: DirectorySpace, actor: SleepActor, reason: String, details: [String: String] = [:]
    ) async {
        metrics.increment("berth_sleep_transitions_total", ["action": action.rawValue])
        guard let recorder else { return }
        let target = AuditV1.Target(kind: "space", name: space.name, team: space.team, space: space.name, cluster: space.cluster)
        do {
            try await recorder.record(action, actor: actor.auditActor, target: target, reason: reason, details: details)
        } catch {
            logger.warning(
                "cannot record a sleep audit event",
                metadata: ["action": "\(action)", "space": "\(space.cluster)/\(space.name)", "error": "\(error)"])
        }
    }

    /// `sleep.policy.set` for one level; the target names the level.
    func recordPolicy(_ scope: PolicyScope, team: String, actor: SleepActor) async {
        guard let recorder else { return }
        var target = AuditV1.Target(kind: "sleep-policy", name: scope.description)
        switch scope {
        case .cluster(let name): target.cluster = name
        case .team(let name): target.team = name
        case .space(let cluster, let name): (target.cluster, target.space, target.team) = (cluster, name, team)
        }
        do {
            try await recorder.record(.sleepPolicySet, actor: actor.auditActor, target: target, reason: "policy of \(scope)")
        } catch {
            logger.warning("cannot record a sleep audit event", metadata: ["action": "sleep.policy.set", "error": "\(error)"])
        }
    }
}
