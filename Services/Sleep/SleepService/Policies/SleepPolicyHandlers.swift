import BerthRPC
import BerthModel

/// `SetSleepPolicy` / `GetSleepPolicy`: validation (every value parsed before anything is stored), storage per
/// level, and the effective view with the source of every value.
struct SleepPolicyHandlers: Sendable {
    let store: any SleepPolicyStore
    let directory: any SpaceDirectory
    let audit: SleepAudit

    func set(_ request: SleepV1.SetSleepPolicyRequest, actor: SleepActor) async throws -> SleepV1.SleepPolicyView {
        let (scope, space) = try await resolve(level: request.level, cluster: request.cluster, name: request.name)
        let values = try SleepPolicyValues(validating: request.policy ?? SleepV1.SleepPolicy())
        try await store.set(scope, values.wire)
        await audit.recordPolicy(scope, team: space?.team ?? "", actor: actor)
        return try await view(scope, space: space)
    }

    func get(_ request: SleepV1.GetSleepPolicyRequest) async throws -> SleepV1.SleepPolicyView {
        let (scope, space) = try await resolve(level: request.level, cluster: request.cluster, name: request.name)
        return try await view(scope, space: space)
    }

    /// A space's cluster "" becomes the default cluster, and the space must exist (its team is part of its policy).
    private func resolve(level: String, cluster: String, name: String) async throws -> (PolicyScope, DirectorySpace?) {
        guard level == "space" || level.isEmpty else { return (try PolicyScope.parse(level: level, cluster: cluster, name: name), nil) }
        let spaceName = try SleepNames.label(name, kind: "space name")
        if !cluster.isEmpty { _ = try SleepNames.label(cluster, kind: "cluster name") }
        guard let space = try await directory.space(cluster: cluster, name: spaceName) else {
            throw SleepError(
                code: .notFound, message: "space \"\(spaceName)\" does not exist: check the name with `berth space list`")
        }
        return (.space(cluster: space.cluster, name: space.name), space)
    }

    private func view(_ scope: PolicyScope, space: DirectorySpace?) async throws -> SleepV1.SleepPolicyView {
        let stored = try await store.all()
        let levels: [PolicyScope] =
            switch scope {
            case .space(let cluster, let name): ResolvedPolicy.levels(cluster: cluster, team: space?.team ?? "", space: name)
            case .team, .cluster: [scope]
            }
        let resolved = try ResolvedPolicy.resolve(levels, stored: stored)
        return SleepV1.SleepPolicyView(
            own: stored[scope.key] ?? SleepV1.SleepPolicy(), effective: resolved.values.wire, sources: resolved.wireSources)
    }
}
