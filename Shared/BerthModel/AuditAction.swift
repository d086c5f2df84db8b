/// The closed vocabulary of audit actions. The audit service stores only these; an unknown action is an
/// error at the producer, caught by `AuditAction(validating:)` before anything is written.
///
/// Names are `<noun>.<past-tense verb>`; grouped by the service that records them.
public struct AuditAction: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard AuditAction.all.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(known: String) { self.rawValue = known }

    /// Validates a wire value; the error lists what is allowed.
    public init(validating value: String) throws(ModelError) {
        guard let action = AuditAction(rawValue: value) else {
            throw ModelError(
                code: .unknownAction,
                message: "audit action \"\(value)\" is not in Berth's vocabulary: use one of "
                    + AuditAction.all.sorted().joined(separator: ", "))
        }
        self = action
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        try self.init(validating: value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // Every service
    public static let serviceStarted = AuditAction(known: "service.started")
    public static let serviceStopped = AuditAction(known: "service.stopped")
    // Identity
    public static let sessionStarted = AuditAction(known: "session.started")
    public static let sessionEnded = AuditAction(known: "session.ended")
    public static let loginFailed = AuditAction(known: "login.failed")
    public static let tokenIssued = AuditAction(known: "token.issued")
    public static let tokenRefreshed = AuditAction(known: "token.refreshed")
    public static let tokenRevoked = AuditAction(known: "token.revoked")
    /// A rotated refresh token or a used authorization code was presented again: its family was revoked.
    public static let tokenReused = AuditAction(known: "token.reused")
    public static let accessKeyCreated = AuditAction(known: "accesskey.created")
    public static let accessKeyRevoked = AuditAction(known: "accesskey.revoked")
    public static let userCreated = AuditAction(known: "user.created")
    public static let userUpdated = AuditAction(known: "user.updated")
    public static let userDeactivated = AuditAction(known: "user.deactivated")
    public static let userDeleted = AuditAction(known: "user.deleted")
    public static let groupCreated = AuditAction(known: "group.created")
    public static let groupUpdated = AuditAction(known: "group.updated")
    public static let groupDeleted = AuditAction(known: "group.deleted")
    // Tenancy
    public static let teamCreated = AuditAction(known: "team.created")
    public static let teamUpdated = AuditAction(known: "team.updated")
    public static let teamDeleted = AuditAction(known: "team.deleted")
    public static let spaceCreated = AuditAction(known: "space.created")
    public static let spaceUpdated = AuditAction(known: "space.updated")
    public static let spaceUpgraded = AuditAction(known: "space.upgraded")
    public static let spaceDeleted = AuditAction(known: "space.deleted")
    public static let quotaExceeded = AuditAction(known: "quota.exceeded")
    /// An admin changed a team's quota (`SetTeamQuota`); the details carry the new limits.
    public static let quotaSet = AuditAction(known: "quota.set")
    public static let templateCreated = AuditAction(known: "template.created")
    public static let clusterConnected = AuditAction(known: "cluster.connected")
    public static let clusterDisconnected = AuditAction(known: "cluster.disconnected")
    // Sleep
    public static let sleepPolicySet = AuditAction(known: "sleep.policy.set")
    public static let spaceSlept = AuditAction(known: "space.slept")
    public static let spaceWoken = AuditAction(known: "space.woken")
    public static let spaceExpired = AuditAction(known: "space.expired")
    /// Workloads a sleep left alone (`berth.dev/sleep=never`), or a due sleep not done (kept awake).
    public static let sleepSkipped = AuditAction(known: "sleep.skipped")
    /// A wake kept a value a person set while the space slept instead of restoring the recorded one.
    public static let wakeConflicted = AuditAction(known: "wake.conflicted")
    /// A space will be deleted for inactivity (`deleteAfter`) at the time in the event's details.
    public static let spaceDeletionWarned = AuditAction(known: "space.deletion-warned")
    /// A space was pinned awake until a time.
    public static let spaceKeptAwake = AuditAction(known: "space.kept-awake")
    // Kubernetes audit webhook ingest
    public static let kubernetesRequest = AuditAction(known: "kubernetes.request")
    // Outgoing webhooks (audit)
    public static let webhookCreated = AuditAction(known: "webhook.created")
    public static let webhookDeleted = AuditAction(known: "webhook.deleted")
    public static let webhookRedelivered = AuditAction(known: "webhook.redelivered")

    /// Every action, for validation and for `--help` texts.
    public static let all: Set<String> = [
        "service.started", "service.stopped",
        "session.started", "session.ended", "login.failed",
        "token.issued", "token.refreshed", "token.revoked", "token.reused",
        "accesskey.created", "accesskey.revoked",
        "user.created", "user.updated", "user.deactivated", "user.deleted",
        "group.created", "group.updated", "group.deleted",
        "team.created", "team.updated", "team.deleted",
        "space.created", "space.updated", "space.upgraded", "space.deleted",
        "quota.exceeded", "quota.set", "template.created", "cluster.connected", "cluster.disconnected",
        "sleep.policy.set", "space.slept", "space.woken", "space.expired",
        "sleep.skipped", "wake.conflicted", "space.deletion-warned", "space.kept-awake",
        "kubernetes.request",
        "webhook.created", "webhook.deleted", "webhook.redelivered",
    ]
}
