import BerthAuditClient
import BerthRPC
import BerthStore
import Logging

/// Wires the access-key and user/group administration RPCs: one `CallerResolver` decides who calls, then the
/// handler decides what that caller may do.
struct AdminRoutes: Sendable {
    let bearer: BearerVerifier
    let resolver: CallerResolver
    let accessKeys: AccessKeyHandlers
    let userAdmin: UserAdminHandlers
    let groupAdmin: GroupAdminHandlers

    init(
        database: BerthDatabase, users: SQLiteUserStore, issuer: IDTokenIssuer, clientIDs: Set<String>,
        rpcAdminGroup: String, audit: (any AuditRecording)?, now: @escaping @Sendable () -> Int64, logger: Logger
    ) {
        let keys = SQLiteAccessKeyStore(database: database)
        let sessions = SQLiteSessionStore(database: database)
        bearer = BearerVerifier(
            issuer: issuer, clientIDs: clientIDs, accessKeys: AccessKeyVerifier(keys: keys, users: users, now: now),
            users: users, sessions: sessions, now: now)
        resolver = CallerResolver(bearer: bearer, adminGroupName: rpcAdminGroup)
        let adminAudit = AdminAudit(recorder: audit, logger: logger)
        accessKeys = AccessKeyHandlers(keys: keys, users: users, audit: adminAudit, now: now)
        userAdmin = UserAdminHandlers(users: users, sessions: sessions, keys: keys, audit: adminAudit, now: now)
        groupAdmin = GroupAdminHandlers(users: users, audit: adminAudit, now: now)
    }

    func register(on router: inout RPCRouter) {
        let resolver = resolver
        let accessKeys = accessKeys
        let userAdmin = userAdmin
        let groupAdmin = groupAdmin
        router.unary(IdentityV1.createAccessKey) { request, call in
            try await accessKeys.create(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.listAccessKeys) { request, call in
            try accessKeys.list(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.revokeAccessKey) { request, call in
            try await accessKeys.revoke(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.listUsers) { request, call in try userAdmin.list(request, caller: try await resolver.resolve(call)) }
        router.unary(IdentityV1.getUser) { request, call in try userAdmin.get(request, caller: try await resolver.resolve(call)) }
        router.unary(IdentityV1.createUser) { request, call in
            try await userAdmin.create(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.updateUser) { request, call in
            try await userAdmin.update(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.deleteUser) { request, call in
            try await userAdmin.delete(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.listGroups) { request, call in
            try groupAdmin.list(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.getGroup) { request, call in try groupAdmin.get(request, caller: try await resolver.resolve(call)) }
        router.unary(IdentityV1.createGroup) { request, call in
            try await groupAdmin.create(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.updateGroupMembers) { request, call in
            try await groupAdmin.updateMembers(request, caller: try await resolver.resolve(call))
        }
        router.unary(IdentityV1.deleteGroup) { request, call in
            try await groupAdmin.delete(request, caller: try await resolver.resolve(call))
        }
    }
}
