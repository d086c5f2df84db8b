import BerthKube
import BerthRPC
import Foundation

/// The manual transitions behind `WakeSpace`, `SleepSpace` and `KeepAwake`, and the state `GetSleepState` shows.
/// Authorization is the handler's business (`SpaceAuthorizer`); these take the actor it returned.
extension SleepEngine {
    /// The space (cluster "" = the default cluster) or NOT_FOUND.
    func space(_ ref: SleepV1.SpaceRef?) async throws -> DirectorySpace {
        let name = try SleepNames.label(ref?.name ?? "", kind: "space name")
        let cluster = ref?.cluster ?? ""
        if !cluster.isEmpty { _ = try SleepNames.label(cluster, kind: "cluster name") }
        guard let space = try await directory.space(cluster: cluster, name: name) else {
            throw SleepError(
                code: .notFound,
                message: "space \"\(name)\" does not exist\(cluster.isEmpty ? "" : " in cluster \"\(cluster)\""): "
                    + "check the name with `berth space list`")
        }
        return space
    }

    func client(for space: DirectorySpace) async throws -> KubeClient {
        guard let cluster = try await directory.clusters().first(where: { $0.name == space.cluster }) else {
            throw SleepError(
                code: .unavailable, message: "cluster \"\(space.cluster)\" of space \"\(space.name)\" is not connected")
        }
        return try await clients.client(for: cluster)
    }

    /// Wakes now (finishing an interrupted transition first). Prevent-wake is overridden only by the owner or an
    /// admin. Records the wake as activity, so the space does not fall asleep again at once.
    func wake(_ space: DirectorySpace, by actor: SleepActor) async throws -> SleepV1.SleepState {
        let client = try await client(for: space)
        try await locks.withLock("\(space.cluster)/\(space.name)") {
            let record = try await states.record(cluster: space.cluster, namespace: space.name)
            let stored = try await policies.all()
            let policy = try ResolvedPolicy.resolve(
                ResolvedPolicy.levels(cluster: space.cluster, team: space.team, space: space.name), stored: stored)
            if (record.preventWake || policy.effective.preventWake) && record.state != .awake && !actor.isAdmin
                && actor.username != space.owner
            {
                await audit.record(
                    .sleepSkipped, space: space, actor: actor,
                    reason: "wake refused: prevent-wake, \(actor.username) is not the owner or an admin")
                throw SleepError(
                    code: .permissionDenied,
                    message: "space \"\(space.name)\" sleeps with prevent-wake: only its owner (\(space.owner)) or an "
                        + "admin may wake it")
            }
            let recorded = try await states.workloads(cluster: space.cluster, namespace: space.name)
            if record.state != .awake || !recorded.isEmpty {
                try await applyWake(space, client: client, reason: actor.manualReason, actor: actor)
            }
            let nanos = Int64((now().timeIntervalSince1970 * 1e9).rounded())
            _ = try await activity.record([
                SleepV1.Activity(cluster: space.cluster, namespace: space.name, timeUnixNanos: nanos, kind: "berth-wake")
            ])
        }
        return try await state(of: space)
    }

    /// Sleeps now, unless the space is kept awake (then FAILED_PRECONDITION, audited as a skip).
    func sleep(_ space: DirectorySpace, by actor: SleepActor, preventWake: Bool) async throws -> SleepV1.SleepState {
        let client = try await client(for: space)
        try await locks.withLock("\(space.cluster)/\(space.name)") {
            let stored = try await policies.all()
            let policy = try ResolvedPolicy.resolve(
                ResolvedPolicy.levels(cluster: space.cluster, team: space.team, space: space.name), stored: stored
            ).effective
            if let until = policy.keepAwakeUntil, now() < until {
                let text = ISO8601DateFormatter().string(from: until)
                await audit.record(.sleepSkipped, space: space, actor: actor, reason: "kept awake until \(text)")
                throw SleepError(
                    code: .failedPrecondition,
                    message: "space \"\(space.name)\" is kept awake until \(text): end that first with "
                        + "`berth space keep-awake \(space.name) --until now`")
            }
            try await applySleep(space, client: client, reason: actor.manualReason, actor: actor)
            if preventWake { try await states.setPreventWake(true, cluster: space.cluster, namespace: space.name) }
        }
        return try await state(of: space)
    }

    /// Pins the space awake until `until` (its space-level `keepAwakeUntil`), waking it if it sleeps. An `until`
    /// not after now ends the pin.
    func keepAwake(_ space: DirectorySpace, until: Date, by actor: SleepActor) async throws -> SleepV1.SleepState {
        let scope = PolicyScope.space(cluster: space.cluster, name: space.name)
        var own = try await policies.get(scope) ?? SleepV1.SleepPolicy()
        let pinned = until > now()
        own.keepAwakeUntil = pinned ? ISO8601DateFormatter().string(from: until) : ""
        try await policies.set(scope, own)
        let text = ISO8601DateFormatter().string(from: until)
        await audit.record(
            .spaceKeptAwake, space: space, actor: actor, reason: pinned ? "until \(text)" : "pin ended",
            details: ["until": text])
        let record = try await states.record(cluster: space.cluster, namespace: space.name)
        if pinned && record.state != .awake { return try await wake(space, by: actor) }
        return try await state(of: space)
    }

    func state(of space: DirectorySpace) async throws -> SleepV1.SleepState {
        let record = try await states.record(cluster: space.cluster, namespace: space.name)
        let policy = try ResolvedPolicy.resolve(
            ResolvedPolicy.levels(cluster: space.cluster, team: space.team, space: space.name), stored: try await policies.all()
        ).effective
        return SleepV1.SleepState(
            cluster: space.cluster, name: space.name, state: record.state.rawValue, reason: record.reason,
            changedUnixSeconds: Int64(record.changedAt?.timeIntervalSince1970 ?? 0), changed: record.lastReport.changed,
            skipped: record.lastReport.skipped, conflicts: record.lastReport.conflicts,
            keepAwakeUntilUnixSeconds: Int64(policy.keepAwakeUntil?.timeIntervalSince1970 ?? 0),
            preventWake: record.preventWake || policy.preventWake)
    }
}
