import BerthKube
import BerthModel
import BerthRPC
import Foundation
import Logging

/// Decides and applies sleep for every space: one pass (`runPass`, called by `SleepController` every
/// `sleep.interval`) and the manual transitions behind the RPCs. Never reads the wall clock: `now` is injected.
///
/// Per space: an interrupted transition (`sleeping`/`waking` found in sleep.db) is finished first; otherwise the
/// effective policy, the last activity and the state give a `SleepDecision`, which is applied through a
/// `SpaceSleeper` on the space's cluster, recorded in the asleep periods (savings) and audited with its reason.
/// Clusters are handled concurrently, so one that is down only delays (and fails) its own spaces.
struct SleepEngine: Sendable {
    let directory: any SpaceDirectory
    let clients: ClusterClients
    let states: SleepStateStore
    let policies: any SleepPolicyStore
    let activity: any ActivityStore
    let savings: SavingsStore
    let audit: SleepAudit
    let locks: SpaceLocks
    let now: @Sendable () -> Date
    let logger: Logger

    /// Activity up to this long after a space fell asleep is taken for the sleep's own writes (Berth's service
    /// account scaling the workloads shows up in the Kubernetes audit feed), not for a person using the space.
    static let ownWriteGrace: TimeInterval = 120
    /// Spaces of one cluster handled concurrently in a pass.
    static let spacesAtOnce = 8

    /// What one pass did, for logs, tests and the benchmark.
    struct PassSummary: Sendable, Equatable {
        var slept: [String] = []
        var woken: [String] = []
        var warned: [String] = []
        var deleted: [String] = []
        /// "cluster/space: error" for spaces that could not be handled (their cluster down, …).
        var failed: [String] = []
    }

    func runPass() async throws -> PassSummary {
        let clusters = try await directory.clusters()
        let spaces = try await directory.spaces()
        let stored = try await policies.all()
        let byCluster = Dictionary(grouping: spaces.filter { !$0.isDeleting }, by: \.cluster)
        return await withTaskGroup(of: PassSummary.self) { group in
            for cluster in clusters {
                let members = byCluster[cluster.name] ?? []
                guard !members.isEmpty else { continue }
                group.addTask { await self.pass(cluster: cluster, spaces: members, stored: stored) }
            }
            var total = PassSummary()
            for await part in group {
                total.slept += part.slept
                total.woken += part.woken
                total.warned += part.warned
                total.deleted += part.deleted
                total.failed += part.failed
            }
            return total
        }
    }

    private func pass(cluster: DirectoryCluster, spaces: [DirectorySpace], stored: [String: SleepV1.SleepPolicy]) async -> PassSummary {
        var summary = PassSummary()
        let client: KubeClient
        do {
            client = try await clients.client(for: cluster)
        } catch {
            logger.warning("cannot reach a cluster", metadata: ["cluster": "\(cluster.name)", "error": "\(error)"])
            summary.failed = spaces.map { "\($0.cluster)/\($0.name): \(error)" }
            return summary
        }
        // A few spaces of one cluster at a time: the API server is shared, and one slow space does not hold up
        // the rest of its cluster.
        await withTaskGroup(of: (String, Result<SleepDecision, any Error>).self) { group in
            var pending = spaces.makeIterator()
            func startNext() {
                guard let space = pending.next() else { return }
                let id = "\(space.cluster)/\(space.name)"
                group.addTask {
                    do {
                        return (id, .success(try await locks.withLock(id) { try await reconcile(space, client: client, stored: stored) }))
                    } catch {
                        return (id, .failure(error))
                    }
                }
            }
            for _ in 0..<Self.spacesAtOnce { startNext() }
            while let (id, result) = await group.next() {
                startNext()
                switch result {
                case .success(.sleep): summary.slept.append(id)
                case .success(.wake): summary.woken.append(id)
                case .success(.warnDelete): summary.warned.append(id)
                case .success(.delete): summary.deleted.append(id)
                case .success(.stay): break
                case .failure(let error):
                    logger.warning("cannot handle a space", metadata: ["space": "\(id)", "error": "\(error)"])
                    summary.failed.append("\(id): \(error)")
                }
            }
        }
        return summary
    }

    /// One space, under its lock. Returns what was done.
    func reconcile(_ space: DirectorySpace, client: KubeClient, stored: [String: SleepV1.SleepPolicy]) async throws -> SleepDecision {
        let record = try await states.record(cluster: space.cluster, namespace: space.name)
        switch record.state {
        case .sleeping:
            try await applySleep(space, client: client, reason: record.reason, actor: .controller)
            return .sleep(reason: record.reason)
        case .waking:
            try await applyWake(space, client: client, reason: record.reason, actor: .controller)
            return .wake(reason: record.reason)
        case .awake, .asleep: break
        }
        var policy = try ResolvedPolicy.resolve(
            ResolvedPolicy.levels(cluster: space.cluster, team: space.team, space: space.name), stored: stored
        ).effective
        policy.preventWake = policy.preventWake || record.preventWake
        let asleep = record.state == .asleep
        let asleepSince = asleep ? record.changedAt : nil
        let decision = try SleepDecision.decide(
            now: now(), lastActivity: try await lastActivity(of: space, asleepSince: asleepSince, policy: policy),
            asleep: asleep, asleepSince: asleepSince, policy: policy, deleteWarned: record.deleteWarnedAt != nil)
        switch decision {
        case .stay: break
        case .sleep(let reason): try await applySleep(space, client: client, reason: reason, actor: .controller)
        case .wake(let reason): try await applyWake(space, client: client, reason: reason, actor: .controller)
        case .warnDelete(let at):
            try await states.setDeleteWarned(now(), cluster: space.cluster, namespace: space.name)
            let deleteAt = ISO8601DateFormatter().string(from: at)
            await audit.record(
                .spaceDeletionWarned, space: space, actor: .controller,
                reason: "TTL: idle, deleteAfter reached at \(deleteAt)", details: ["deleteAt": deleteAt])
        case .delete(let reason):
            try await directory.deleteSpace(cluster: space.cluster, name: space.name)
            try await savings.close(cluster: space.cluster, namespace: space.name, at: now())
            await audit.record(.spaceExpired, space: space, actor: .controller, reason: "TTL: \(reason)")
        }
        return decision
    }

    /// The last sign of use (or the space's creation). While asleep, activity within `ownWriteGrace` of falling
    /// asleep is sleep's own writes: it is moved back to the moment the space counted as idle, so it neither wakes
    /// the space nor restarts its inactivity.
    private func lastActivity(of space: DirectorySpace, asleepSince: Date?, policy: EffectiveSleepPolicy) async throws -> Date {
        let recorded = try await activity.last(cluster: space.cluster, namespace: space.name)
            .map { Date(timeIntervalSince1970: TimeInterval($0.timeUnixNanos) / 1e9) }
        var last = max(recorded ?? space.createdAt, space.createdAt)
        if let asleepSince, last <= asleepSince.addingTimeInterval(Self.ownWriteGrace) {
            // Nothing newer than the sleep's own writes: idle since the moment the space counted as idle.
            let idleSince = asleepSince.addingTimeInterval(-(policy.sleepAfter?.seconds ?? 0))
            last = max(min(last, idleSince), space.createdAt)
        }
        return last
    }

    @discardableResult
    func applySleep(_ space: DirectorySpace, client: KubeClient, reason: String, actor: SleepActor) async throws -> SleepReport {
        let sleeper = SpaceSleeper(client: client, store: states, cluster: space.cluster, now: now, logger: logger)
        let report = try await sleeper.sleep(namespace: space.name, reason: reason)
        try await states.setLastReport(report, cluster: space.cluster, namespace: space.name)
        try await savings.open(
            cluster: space.cluster, namespace: space.name, team: space.team, at: now(), cpuMillis: report.cpuMillis,
            memoryBytes: report.memoryBytes)
        await audit.record(
            .spaceSlept, space: space, actor: actor, reason: reason,
            details: [
                "changed": report.changed.joined(separator: ","), "cpuMillis": "\(report.cpuMillis)",
                "memoryBytes": "\(report.memoryBytes)",
            ])
        if !report.excluded.isEmpty {
            await audit.record(
                .sleepSkipped, space: space, actor: actor, reason: "labelled \(SpaceSleeper.neverLabel)=never",
                details: ["workloads": report.excluded.joined(separator: ",")])
        }
        return report
    }

    @discardableResult
    func applyWake(_ space: DirectorySpace, client: KubeClient, reason: String, actor: SleepActor) async throws -> SleepReport {
        let sleeper = SpaceSleeper(client: client, store: states, cluster: space.cluster, now: now, logger: logger)
        let report = try await sleeper.wake(namespace: space.name, reason: reason)
        try await states.setLastReport(report, cluster: space.cluster, namespace: space.name)
        try await states.setPreventWake(false, cluster: space.cluster, namespace: space.name)
        try await states.setDeleteWarned(nil, cluster: space.cluster, namespace: space.name)
        try await savings.close(cluster: space.cluster, namespace: space.name, at: now())
        await audit.record(
            .spaceWoken, space: space, actor: actor, reason: reason,
            details: ["restored": report.changed.joined(separator: ",")])
        if !report.conflicts.isEmpty {
            await audit.record(
                .wakeConflicted, space: space, actor: actor,
                reason: "changed by someone while asleep: their values were kept",
                details: ["workloads": report.conflicts.joined(separator: ",")])
        }
        return report
    }
}
