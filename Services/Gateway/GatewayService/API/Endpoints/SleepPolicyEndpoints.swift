import BerthRPC
import Hummingbird

/// `GET|PUT /api/v1/sleep-policies/{scope}/{name}`, scope `cluster` (name: the cluster), `team` (the team) or
/// `space` (the space; `?cluster=` for a non-default cluster). `GET` answers what the level sets, the effective
/// values and each value's source; `PUT` replaces what the level sets (admins only: berth-sleep decides by the
/// forwarded token) and answers the same view.
struct SleepPolicyEndpoints: Sendable {
    let routes: APIRoutes

    static let scopes = ["cluster", "team", "space"]

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let sleep = routes.sleep
        group.get("sleep-policies/{scope}/{name}", use: routes.handle { request, context, caller in
            let (scope, cluster, name) = try Self.target(request, context)
            let view = try await sleep.unary(
                SleepV1.getSleepPolicy, SleepV1.GetSleepPolicyRequest(level: scope, cluster: cluster, name: name),
                metadata: caller.forwardedMetadata)
            return try .json(SleepPolicyResource(scope: scope, name: try context.name(), cluster: cluster, view: view))
        })
        group.put("sleep-policies/{scope}/{name}", use: routes.update { request, data, context, caller in
            let (scope, cluster, name) = try Self.target(request, context)
            let body = try APIBody.decode(SleepPolicyResource.Policy.self, from: data)
            let view = try await sleep.unary(
                SleepV1.setSleepPolicy,
                SleepV1.SetSleepPolicyRequest(level: scope, cluster: cluster, name: name, policy: body.wire),
                metadata: caller.forwardedMetadata)
            return try .json(SleepPolicyResource(scope: scope, name: try context.name(), cluster: cluster, view: view))
        })
    }

    /// The RPC's level, cluster and name: a cluster policy names its cluster in `cluster`.
    static func target(_ request: Request, _ context: GatewayRequestContext) throws(APIProblem) -> (String, String, String) {
        let scope = try context.pathParameter("scope")
        guard scopes.contains(scope) else {
            throw APIProblem.invalid("sleep policy scope \"\(scope)\" is not one of \(scopes.joined(separator: ", "))")
        }
        let name = try context.name()
        switch scope {
        case "cluster": return (scope, name, "")
        case "team": return (scope, "", name)
        default: return (scope, request.queryString("cluster"), name)
        }
    }
}
