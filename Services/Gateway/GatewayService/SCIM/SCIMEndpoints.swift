import BerthRPC
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// SCIM 2.0 (RFC 7643/7644) for identity providers' provisioning (Okta, Azure AD/Entra): `/scim/v2/Users` and
/// `/scim/v2/Groups` (list with `filter=userName eq "x"` / `displayName eq "x"`, `startIndex`, `count`; get;
/// POST; PUT; PATCH; DELETE) and the discovery documents. Bodies and answers are `application/scim+json`;
/// errors use the SCIM error schema.
///
/// Auth: `Authorization: Bearer <access key>` with scope `admin` or `scim` (no key: 401; a person's ID token is
/// not accepted here: 401; a key without those scopes: 403). The key travels on to berth-identity with every
/// call, which authorizes and audits as that key: the gateway holds no rights of its own here.
///
/// Users created here get connector `scim` (they sign in through a login connector that knows the same
/// username; SCIM itself carries no passwords). A lookup by `userName` finds users of every connector, so a
/// client that filters before it creates (as Okta and Azure AD do) links to an existing user; a POST of a taken
/// userName is 409 `uniqueness`. Deactivating (`active: false`) or deleting a user ends its sessions and revokes
/// its access keys at once (identity does it before answering).
struct SCIMEndpoints: Sendable {
    static let prefix = "scim/v2"
    static let maxBodyBytes = 1024 * 1024
    let identity: UnixRPCClient
    /// `<gateway.publicURL>/scim/v2`, for `meta.location`.
    let base: String

    /// - Parameter identity: the gateway's one long-lived client to identity.
    init(identity: UnixRPCClient, publicURL: String) {
        self.identity = identity
        base = (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/" + Self.prefix
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        let users = "\(Self.prefix)/Users"
        let groups = "\(Self.prefix)/Groups"
        router.get(RouterPath(users)) { request, _ in await answer(request) { scim in try await listUsers(request, scim) } }
        router.post(RouterPath(users)) { request, _ in await answer(request) { scim in try await createUser(request, scim) } }
        router.get(RouterPath("\(users)/:id")) { request, context in
            await answer(request) { scim in
                SCIMResponse.json(.ok, SCIMResources.user(try await scim.call(IdentityV1.getUser, .init(id: try id(context))), base: base))
            }
        }
        router.put(RouterPath("\(users)/:id")) { request, context in
            await answer(request) { scim in try await replaceUser(request, id: try id(context), scim) }
        }
        router.patch(RouterPath("\(users)/:id")) { request, context in
            await answer(request) { scim in
                let update = try SCIMPatchOperation.userUpdate(
                    id: try id(context), try SCIMPatchOperation.parse(try await body(request)))
                return SCIMResponse.json(.ok, SCIMResources.user(try await scim.call(IdentityV1.updateUser, update), base: base))
            }
        }
        router.delete(RouterPath("\(users)/:id")) { request, context in
            await answer(request) { scim in
                _ = try await scim.call(IdentityV1.deleteUser, .init(id: try id(context)))
                return SCIMResponse.noContent()
            }
        }
        router.get(RouterPath(groups)) { request, _ in await answer(request) { scim in try await listGroups(request, scim) } }
        router.post(RouterPath(groups)) { request, _ in await answer(request) { scim in try await createGroup(request, scim) } }
        router.get(RouterPath("\(groups)/:id")) { request, context in
            await answer(request) { scim in
                SCIMResponse.json(.ok, SCIMResources.group(try await scim.call(IdentityV1.getGroup, .init(id: try id(context))), base: base))
            }
        }
        router.put(RouterPath("\(groups)/:id")) { request, context in
            await answer(request) { scim in
                let object = try await body(request)
                guard let name = object.value("displayName") as? String, !name.isEmpty else {
                    throw SCIMError.invalidValue("a Group needs a displayName")
                }
                let members = object.value("members") == nil ? [] : try SCIMPatchOperation.memberIDs(object.value("members"))
                let group = try await scim.call(
                    IdentityV1.updateGroupMembers,
                    .init(groupId: try id(context), replace: true, setMemberIds: members, name: name))
                return SCIMResponse.json(.ok, SCIMResources.group(group, base: base))
            }
        }
        router.patch(RouterPath("\(groups)/:id")) { request, context in
            await answer(request) { scim in
                let update = try SCIMPatchOperation.groupUpdate(
                    id: try id(context), try SCIMPatchOperation.parse(try await body(request)))
                let group = try await scim.call(IdentityV1.updateGroupMembers, update)
                return SCIMResponse.json(.ok, SCIMResources.group(group, base: base))
            }
        }
        router.delete(RouterPath("\(groups)/:id")) { request, context in
            await answer(request) { scim in
                _ = try await scim.call(IdentityV1.deleteGroup, .init(groupId: try id(context)))
                return SCIMResponse.noContent()
            }
        }
        SCIMDiscovery(base: base).register(on: router)
    }

    // MARK: Users

    private func listUsers(_ request: Request, _ scim: SCIMIdentity) async throws -> Response {
        try await list(request, filterAttribute: "userName") { cursor, pageSize, equals in
            let page = try await scim.call(
                IdentityV1.listUsers, IdentityV1.ListUsersRequest(username: equals, cursor: cursor, pageSize: pageSize))
            return (page.users.map { SCIMResources.user($0, base: base) }, page.total)
        }
    }

    private func createUser(_ request: Request, _ scim: SCIMIdentity) async throws(SCIMError) -> Response {
        let fields = try SCIMResources.UserFields(try await body(request))
        guard let userName = fields.userName, !userName.isEmpty else {
            throw SCIMError.invalidValue("a User needs a userName")
        }
        let user = try await scim.call(
            IdentityV1.createUser,
            IdentityV1.CreateUserRequest(
                username: userName, displayName: fields.displayName ?? "", email: fields.email ?? "",
                disabled: !(fields.active ?? true), connectorId: "scim"))
        return SCIMResponse.json(.created, SCIMResources.user(user, base: base), location: "\(base)/Users/\(user.id)")
    }

    /// PUT replaces the stored attributes: those left out are cleared (display name, email) or kept
    /// (`active` defaults to true, as a SCIM User without it is active).
    private func replaceUser(_ request: Request, id: String, _ scim: SCIMIdentity) async throws(SCIMError) -> Response {
        let fields = try SCIMResources.UserFields(try await body(request))
        guard let userName = fields.userName, !userName.isEmpty else {
            throw SCIMError.invalidValue("a User needs a userName")
        }
        let user = try await scim.call(
            IdentityV1.updateUser,
            IdentityV1.UpdateUserRequest(
                id: id, username: userName, displayName: fields.displayName ?? "", email: fields.email ?? "",
                active: fields.active ?? true))
        return SCIMResponse.json(.ok, SCIMResources.user(user, base: base))
    }

    // MARK: Groups

    private func listGroups(_ request: Request, _ scim: SCIMIdentity) async throws -> Response {
        try await list(request, filterAttribute: "displayName") { cursor, pageSize, equals in
            let page = try await scim.call(
                IdentityV1.listGroups, IdentityV1.ListGroupsRequest(name: equals, cursor: cursor, pageSize: pageSize))
            return (page.groups.map { SCIMResources.group($0, base: base) }, page.total)
        }
    }

    private func createGroup(_ request: Request, _ scim: SCIMIdentity) async throws(SCIMError) -> Response {
        let object = try await body(request)
        guard let name = object.value("displayName") as? String, !name.isEmpty else {
            throw SCIMError.invalidValue("a Group needs a displayName")
        }
        let members = object.value("members") == nil ? [] : try SCIMPatchOperation.memberIDs(object.value("members"))
        let group = try await scim.call(IdentityV1.createGroup, IdentityV1.CreateGroupRequest(name: name, memberIds: members))
        return SCIMResponse.json(.created, SCIMResources.group(group, base: base), location: "\(base)/Groups/\(group.id)")
    }

    // MARK: Plumbing

    /// A ListResponse page: `startIndex`/`count` paging and an optional `<filterAttribute> eq "…"` filter, passed to
    /// `fetch` as the exact value to match ("" = no filter).
    private func list(
        _ request: Request, filterAttribute: String,
        fetch: (_ cursor: String, _ pageSize: Int32, _ equals: String) async throws -> ([[String: Any]], Int32)
    ) async throws -> Response {
        let paging = try SCIMPaging(request)
        var equals = ""
        if let filter = SCIMQuery(request).get("filter") {
            equals = try SCIMFilter(parsing: filter, allowed: [filterAttribute]).value
            // identity reads "" as "no filter"; `eq ""` matches nobody.
            if equals.isEmpty { return SCIMResponse.json(.ok, SCIMResources.list([], total: 0, startIndex: paging.startIndex)) }
        }
        let (resources, total) = try await fetch(paging.cursor, paging.pageSize, equals)
        return SCIMResponse.json(
            .ok, SCIMResources.list(paging.count == 0 ? [] : resources, total: total, startIndex: paging.startIndex))
    }

    /// Authenticates, runs `body`, and turns every failure into a SCIM error answer.
    private func answer(_ request: Request, _ body: (SCIMIdentity) async throws -> Response) async -> Response {
        do {
            return try await body(try await authorize(request))
        } catch let error as SCIMError {
            return error.response
        } catch {
            return SCIMError(status: .internalServerError, scimType: nil, detail: "the gateway failed: see its log").response
        }
    }

    /// The bearer must be an access key with scope `admin` or `scim`.
    private func authorize(_ request: Request) async throws(SCIMError) -> SCIMIdentity {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            case let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces), !token.isEmpty
        else {
            throw SCIMError(
                status: .unauthorized, scimType: nil,
                detail: "no bearer token: send an access key with scope scim or admin as Authorization: Bearer <key>")
        }
        guard token.hasPrefix("berth_ak_") else {
            throw SCIMError(
                status: .unauthorized, scimType: nil,
                detail: "SCIM takes an access key (berth_ak_…), not an ID token: create one with "
                    + "`berth accesskey create --scope scim`")
        }
        let scim = SCIMIdentity(client: identity, bearer: token)
        let verified = try await scim.call(IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: token))
        guard verified.scopes.contains("admin") || verified.scopes.contains("scim") else {
            throw SCIMError(
                status: .forbidden, scimType: nil,
                detail: "this access key has no scim or admin scope: create one with `berth accesskey create --scope scim`")
        }
        return scim
    }

    private func body(_ request: Request) async throws(SCIMError) -> [String: Any] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw SCIMError(status: .contentTooLarge, scimType: nil, detail: "the body is over \(Self.maxBodyBytes) bytes")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw SCIMError.invalidSyntax("the body is not a JSON object")
        }
        return object
    }

    private func id<Context: RequestContext>(_ context: Context) throws(SCIMError) -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty else { throw SCIMError.notFound("no id in the path") }
        return id
    }
}

/// `startIndex` (1-based) and `count` (RFC 7644 §3.4.2.4) as an identity cursor and page size.
struct SCIMPaging {
    let startIndex: Int
    let count: Int
    var cursor: String { startIndex > 1 ? String(startIndex - 1) : "" }
    /// identity reads 0 as its default page: ask for one item when the client wants none (only the total).
    var pageSize: Int32 { Int32(count == 0 ? 1 : count) }

    init(_ request: Request) throws(SCIMError) {
        let parameters = SCIMQuery(request)
        // Out-of-range values are clamped, as RFC 7644 says, not refused.
        startIndex = max(1, parameters.get("startIndex").flatMap { Int($0) } ?? 1)
        count = min(500, max(0, parameters.get("count").flatMap { Int($0) } ?? 100))
        if let raw = parameters.get("startIndex"), Int(raw) == nil {
            throw SCIMError.invalidValue("startIndex \"\(raw)\" is not a number")
        }
    }
}
