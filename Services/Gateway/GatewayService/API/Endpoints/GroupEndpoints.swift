import BerthRPC
import Hummingbird

/// `/api/v1/groups` (admins): list (`name` exact; cursor), create, get, delete, and
/// `POST /api/v1/groups/{name}/members` (`add`, then `remove`, user ids). Groups are addressed by name in the
/// path; identity works by id, so a change looks the id up first. berth-identity decides by the forwarded token.
struct GroupEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let identity = routes.identity
        group.get("groups", use: routes.handle { request, _, caller in
            let page = try await identity.unary(
                IdentityV1.listGroups,
                IdentityV1.ListGroupsRequest(
                    name: request.queryString("name"), cursor: request.cursor, pageSize: Int32(min(try request.pageLimit(), 500))),
                metadata: caller.forwardedMetadata)
            return try .json(Page(items: page.groups.map(GroupResource.init), nextCursor: page.nextCursor.nilIfEmpty))
        })
        group.post("groups", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateGroupBody.self, from: data)
            let created = try await identity.unary(
                IdentityV1.createGroup, IdentityV1.CreateGroupRequest(name: body.name, memberIds: body.memberIds ?? []),
                metadata: caller.forwardedMetadata)
            return try .json(GroupResource(created), status: .created, location: "/api/v1/groups/\(created.name.pathSegmentEscaped)")
        })
        group.get("groups/{name}", use: routes.handle { _, context, caller in
            try .json(GroupResource(try await Self.group(try context.name(), identity: identity, caller: caller)))
        })
        group.delete("groups/{name}", use: routes.handle { _, context, caller in
            let found = try await Self.group(try context.name(), identity: identity, caller: caller)
            _ = try await identity.unary(
                IdentityV1.deleteGroup, IdentityV1.DeleteGroupRequest(groupId: found.id), metadata: caller.forwardedMetadata)
            return .noContent
        })
        group.post("groups/{name}/members", use: routes.post { _, data, context, caller in
            let body = try APIBody.decode(UpdateGroupMembersBody.self, from: data)
            let found = try await Self.group(try context.name(), identity: identity, caller: caller)
            let updated = try await identity.unary(
                IdentityV1.updateGroupMembers,
                IdentityV1.UpdateGroupMembersRequest(
                    groupId: found.id, addMemberIds: body.add ?? [], removeMemberIds: body.remove ?? []),
                metadata: caller.forwardedMetadata)
            return try .json(GroupResource(updated))
        })
    }

    static func group(_ name: String, identity: UnixRPCClient, caller: VerifiedCaller) async throws -> IdentityV1.GroupRecord {
        try await identity.unary(IdentityV1.getGroup, IdentityV1.GetGroupRequest(name: name), metadata: caller.forwardedMetadata)
    }
}
