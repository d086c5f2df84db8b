import BerthRPC
import Hummingbird

/// `/api/v1/teams`: list (cursor), get, create (admin), members (add/remove with roles).
struct TeamEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let tenancy = routes.tenancy
        group.get("teams", use: routes.handle { request, _, caller in
            let page = try await tenancy.unary(
                TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: try request.pageLimit(), pageToken: request.cursor),
                metadata: caller.forwardedMetadata)
            return try .json(Page(items: page.teams.map(TeamResource.init), nextCursor: page.nextPageToken.nilIfEmpty))
        })
        group.post("teams", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateTeamBody.self, from: data)
            let team = try await tenancy.unary(
                TenancyV1.createTeam, TenancyV1.CreateTeamRequest(team: body.team), metadata: caller.forwardedMetadata)
            return try .json(TeamResource(team), status: .created, location: "/api/v1/teams/\(team.name)")
        })
        group.get("teams/{name}", use: routes.handle { _, context, caller in
            // Tenancy has no GetTeam: walk the caller's visible teams (a few pages at most).
            let name = try context.name()
            var token = ""
            repeat {
                let page = try await tenancy.unary(
                    TenancyV1.listTeams, TenancyV1.ListTeamsRequest(pageSize: 1000, pageToken: token),
                    metadata: caller.forwardedMetadata)
                if let team = page.teams.first(where: { $0.name == name }) { return try .json(TeamResource(team)) }
                token = page.nextPageToken
            } while !token.isEmpty
            throw APIProblem.notFound("team \"\(name)\" does not exist or is not visible to you: see GET /api/v1/teams")
        })
        group.post("teams/{name}/members", use: routes.post { _, data, context, caller in
            let body = try APIBody.decode(UpdateMembersBody.self, from: data)
            func members(_ list: [TeamResource.Member]?) -> [TenancyV1.TeamMember] {
                (list ?? []).map { TenancyV1.TeamMember(kind: $0.kind, name: $0.name, role: $0.role) }
            }
            let team = try await tenancy.unary(
                TenancyV1.updateTeamMembers,
                TenancyV1.UpdateTeamMembersRequest(team: try context.name(), add: members(body.add), remove: members(body.remove)),
                metadata: caller.forwardedMetadata)
            return try .json(TeamResource(team))
        })
    }
}
