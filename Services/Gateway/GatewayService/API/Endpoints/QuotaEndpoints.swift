import BerthRPC
import Hummingbird

/// `GET|PUT /api/v1/teams/{name}/quota`: the team's limits and what its spaces use of them. Members and admins
/// read it; admins replace it (`PUT` carries the whole quota). A quota below the current usage is accepted: the
/// answer lists the passed limits in `exceeded` (`overQuota: true`), and new spaces are refused until the team is
/// back under them. berth-tenancy decides by the forwarded token and validates the quantities.
struct QuotaEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let tenancy = routes.tenancy
        group.get("teams/{name}/quota", use: routes.handle { _, context, caller in
            let status = try await tenancy.unary(
                TenancyV1.getTeamQuota, TenancyV1.GetTeamQuotaRequest(team: try context.name()),
                metadata: caller.forwardedMetadata)
            return try .json(TeamQuotaResource(status))
        })
        group.put("teams/{name}/quota", use: routes.update { _, data, context, caller in
            let body = try APIBody.decode(TeamQuotaBody.self, from: data)
            let status = try await tenancy.unary(
                TenancyV1.setTeamQuota, TenancyV1.SetTeamQuotaRequest(team: try context.name(), quota: body.wire),
                metadata: caller.forwardedMetadata)
            return try .json(TeamQuotaResource(status))
        })
    }
}
