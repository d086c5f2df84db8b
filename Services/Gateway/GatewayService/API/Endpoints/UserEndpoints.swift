import BerthRPC
import Hummingbird

/// `/api/v1/users` (admins): list (`username` exact, `q` substring of username, name or email; cursor), create,
/// get, `PATCH` (displayName, email, active), delete. Users are addressed by username in the path; identity works
/// by id, so a change looks the id up first. berth-identity decides by the forwarded token (admins, or keys
/// with scope admin or scim); deactivating or deleting ends the user's sessions and keys at once.
struct UserEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let identity = routes.identity
        group.get("users", use: routes.handle { request, _, caller in
            let page = try await identity.unary(
                IdentityV1.listUsers,
                IdentityV1.ListUsersRequest(
                    username: request.queryString("username"), query: request.queryString("q"), cursor: request.cursor,
                    pageSize: Int32(min(try request.pageLimit(), 500))),
                metadata: caller.forwardedMetadata)
            return try .json(Page(items: page.users.map(UserResource.init), nextCursor: page.nextCursor.nilIfEmpty))
        })
        group.post("users", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateUserBody.self, from: data)
            let user = try await identity.unary(
                IdentityV1.createUser,
                IdentityV1.CreateUserRequest(
                    username: body.username, displayName: body.displayName ?? "", email: body.email ?? "",
                    disabled: !(body.active ?? true), connectorId: body.connector ?? "", password: body.password ?? "",
                    groups: body.groups ?? []),
                metadata: caller.forwardedMetadata)
            return try .json(UserResource(user), status: .created, location: "/api/v1/users/\(user.username.pathSegmentEscaped)")
        })
        group.get("users/{name}", use: routes.handle { _, context, caller in
            try .json(UserResource(try await Self.user(try context.name(), identity: identity, caller: caller)))
        })
        group.patch("users/{name}", use: routes.update { _, data, context, caller in
            let body = try APIBody.decode(UpdateUserBody.self, from: data)
            let user = try await Self.user(try context.name(), identity: identity, caller: caller)
            let updated = try await identity.unary(
                IdentityV1.updateUser,
                IdentityV1.UpdateUserRequest(id: user.id, displayName: body.displayName, email: body.email, active: body.active),
                metadata: caller.forwardedMetadata)
            return try .json(UserResource(updated))
        })
        group.delete("users/{name}", use: routes.handle { _, context, caller in
            let user = try await Self.user(try context.name(), identity: identity, caller: caller)
            _ = try await identity.unary(
                IdentityV1.deleteUser, IdentityV1.DeleteUserRequest(id: user.id), metadata: caller.forwardedMetadata)
            return .noContent
        })
    }

    /// The user with this username. Identity also finds a user by id under that field; the path names users by
    /// username only, so an id there is not found.
    static func user(_ username: String, identity: UnixRPCClient, caller: VerifiedCaller) async throws -> IdentityV1.UserRecord {
        let user = try await identity.unary(
            IdentityV1.getUser, IdentityV1.GetUserRequest(username: username), metadata: caller.forwardedMetadata)
        guard user.username == username else {
            throw APIProblem.notFound("no user has the username \"\(username)\": see GET /api/v1/users")
        }
        return user
    }
}
