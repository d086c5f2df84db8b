import BerthRPC
import Hummingbird

/// `/api/v1/access-keys`: list (`owner`: a username, or `*` for everyone (admins); `includeRevoked`), create
/// (201 with the token, the only time it is shown), get, revoke (`DELETE`). berth-identity decides by the forwarded
/// token: a person manages their own keys with scopes no wider than their rights, admins anyone's. Identity
/// returns keys unpaged (a person has few), so lists carry no cursor.
struct AccessKeyEndpoints: Sendable {
    let routes: APIRoutes

    func register(on group: RouterGroup<GatewayRequestContext>) {
        let identity = routes.identity
        group.get("access-keys", use: routes.handle { request, _, caller in
            let includeRevoked = try request.queryChoice("includeRevoked", ["true", "false"]) == "true"
            let keys = try await identity.unary(
                IdentityV1.listAccessKeys,
                IdentityV1.ListAccessKeysRequest(owner: request.queryString("owner"), includeRevoked: includeRevoked),
                metadata: caller.forwardedMetadata)
            return try .json(Page(items: keys.keys.map(AccessKeyResource.init), nextCursor: nil))
        })
        group.post("access-keys", use: routes.post { _, data, _, caller in
            let body = try APIBody.decode(CreateAccessKeyBody.self, from: data)
            let created = try await identity.unary(
                IdentityV1.createAccessKey,
                IdentityV1.CreateAccessKeyRequest(
                    owner: body.owner ?? "", name: body.name, scopes: body.scopes, expiresInSeconds: body.expiresInSeconds ?? 0),
                metadata: caller.forwardedMetadata)
            guard let key = created.key else { throw APIProblem.internalError }
            return try .json(
                CreatedAccessKeyResource(key: AccessKeyResource(key), token: created.token), status: .created,
                location: "/api/v1/access-keys/\(key.id)")
        })
        group.get("access-keys/{id}", use: routes.handle { _, context, caller in
            let id = try context.pathParameter("id")
            // Identity has no GetAccessKey: the caller's own keys, then (admins) everyone's.
            for owner in ["", "*"] {
                let keys: IdentityV1.ListAccessKeysResponse
                do {
                    keys = try await identity.unary(
                        IdentityV1.listAccessKeys, IdentityV1.ListAccessKeysRequest(owner: owner, includeRevoked: true),
                        metadata: caller.forwardedMetadata)
                } catch let error as RPCClientError where error.code == .permissionDenied {
                    break
                }
                if let key = keys.keys.first(where: { $0.id == id }) { return try .json(AccessKeyResource(key)) }
            }
            throw APIProblem.notFound("access key \"\(id)\" does not exist or is not yours: see GET /api/v1/access-keys")
        })
        group.delete("access-keys/{id}", use: routes.handle { _, context, caller in
            let revoked = try await identity.unary(
                IdentityV1.revokeAccessKey, IdentityV1.RevokeAccessKeyRequest(id: try context.pathParameter("id")),
                metadata: caller.forwardedMetadata)
            guard let key = revoked.key else { throw APIProblem.internalError }
            return try .json(AccessKeyResource(key))
        })
    }
}
