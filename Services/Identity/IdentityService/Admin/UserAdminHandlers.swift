import BerthCrypto
import BerthModel
import BerthRPC
import Foundation

/// `ListUsers`, `GetUser`, `CreateUser`, `UpdateUser`, `DeleteUser` for admins (and SCIM through the gateway).
///
/// Deactivating or deleting a user revokes at once: every session ends through `SessionStore.endAll` (which
/// takes what hangs off sessions, refresh tokens, with it; ID tokens of ended sessions stop verifying) and every
/// access key is revoked, before the answer.
struct UserAdminHandlers: Sendable {
    let users: any UserAdministration
    let sessions: any SessionStore
    let keys: any AccessKeyStore
    let audit: AdminAudit
    let now: @Sendable () -> Int64

    func list(_ request: IdentityV1.ListUsersRequest, caller: Caller) throws(IdentityError) -> IdentityV1.ListUsersResponse {
        try caller.requireProvisioning("reading users", writes: false)
        let offset = try PageCursor.offset(request.cursor)
        let page = try users.listUsers(
            username: request.username, query: request.query, offset: offset, limit: PageCursor.limit(request.pageSize))
        return IdentityV1.ListUsersResponse(
            users: page.items.map(\.record),
            nextCursor: PageCursor.next(offset: offset, count: page.items.count, total: page.total),
            total: Int32(clamping: page.total))
    }

    func get(_ request: IdentityV1.GetUserRequest, caller: Caller) throws(IdentityError) -> IdentityV1.UserRecord {
        try caller.requireProvisioning("reading users", writes: false)
        return try existing(request.id.isEmpty ? request.username : request.id).record
    }

    func create(_ request: IdentityV1.CreateUserRequest, caller: Caller) async throws(IdentityError) -> IdentityV1.UserRecord {
        try caller.requireProvisioning("creating users", writes: true)
        let username = request.username.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty, username.count <= 256, !username.contains(where: \.isNewline) else {
            throw IdentityError(code: .invalidArgument, message: "username is empty or too long: give 1-256 characters")
        }
        let connectorID = request.connectorId.isEmpty ? LocalPasswordConnector.defaultID : request.connectorId
        var hash: PasswordHash?
        if !request.password.isEmpty {
            guard connectorID == LocalPasswordConnector.defaultID else {
                throw IdentityError(
                    code: .invalidArgument, message: "only local users have passwords: leave password empty for \(connectorID)")
            }
            let password = request.password
            hash = try await BlockingWork.run { () throws(IdentityError) -> PasswordHash in
                do {
                    return try PasswordHash.make(password: password)
                } catch {
                    throw IdentityError.crypto("hash a password", error)
                }
            }
        }
        let id: String
        do {
            id = try SecureRandom.identifier()
        } catch {
            throw IdentityError.crypto("create a user id", error)
        }
        try users.createUser(
            User(
                id: id, username: username, displayName: request.displayName, email: request.email,
                connectorID: connectorID, disabled: request.disabled, createdAt: now(), groups: request.groups),
            passwordHash: hash)
        let user = try existing(id)
        await audit.record(
            .userCreated, by: caller, target: AuditV1.Target(kind: "user", name: user.username),
            details: ["subject": user.id, "connector": connectorID, "active": "\(!user.disabled)"])
        return user.record
    }

    func update(_ request: IdentityV1.UpdateUserRequest, caller: Caller) async throws(IdentityError) -> IdentityV1.UserRecord {
        try caller.requireProvisioning("changing users", writes: true)
        let before = try existing(request.id)
        if request.active == false { try Self.refuseSelf(before, caller: caller, "deactivate") }
        let user = try users.updateUser(
            id: before.id, username: request.username, displayName: request.displayName, email: request.email,
            active: request.active)
        var details = ["subject": user.id]
        if request.username != nil { details["username"] = user.username }
        if request.displayName != nil { details["displayName"] = user.displayName }
        if request.email != nil { details["email"] = user.email }
        if let active = request.active { details["active"] = "\(active)" }
        if user.disabled {
            // Also when it was already disabled: a retry after a failure half-way finishes the revocation.
            let revoked = try revokeEverything(of: user)
            details["sessionsEnded"] = "\(revoked.sessions)"
            details["keysRevoked"] = "\(revoked.keys)"
        }
        let action: AuditAction = user.disabled && !before.disabled ? .userDeactivated : .userUpdated
        await audit.record(action, by: caller, target: AuditV1.Target(kind: "user", name: user.username), details: details)
        return user.record
    }

    func delete(_ request: IdentityV1.DeleteUserRequest, caller: Caller) async throws(IdentityError)
        -> IdentityV1.DeleteUserResponse
    {
        try caller.requireProvisioning("deleting users", writes: true)
        let user = try existing(request.id)
        try Self.refuseSelf(user, caller: caller, "delete")
        let revoked = try revokeEverything(of: user)
        guard try users.deleteUser(id: user.id) else { throw Self.notFound(request.id) }
        await audit.record(
            .userDeleted, by: caller, target: AuditV1.Target(kind: "user", name: user.username),
            details: ["subject": user.id, "sessionsEnded": "\(revoked.sessions)", "keysRevoked": "\(revoked.keys)"])
        return IdentityV1.DeleteUserResponse()
    }

    /// Ends every session (and so its refresh tokens) and revokes every access key of `user`.
    private func revokeEverything(of user: User) throws(IdentityError) -> (sessions: Int, keys: Int) {
        let ended = try sessions.endAll(userID: user.id, now: now())
        let revoked = try keys.revokeAll(userID: user.id, at: now())
        return (ended, revoked.count)
    }

    private func existing(_ reference: String) throws(IdentityError) -> User {
        guard !reference.isEmpty, let user = try users.find(reference) else { throw Self.notFound(reference) }
        return user
    }

    /// An admin never locks themselves out (nor a script running with their token): deactivating or deleting
    /// oneself is refused; another admin can do it.
    static func refuseSelf(_ user: User, caller: Caller, _ verb: String) throws(IdentityError) {
        guard !caller.subject.isEmpty, user.id == caller.subject else { return }
        throw IdentityError(
            code: .permissionDenied, message: "you cannot \(verb) yourself (\(user.username)): ask another admin to")
    }

    static func notFound(_ reference: String) -> IdentityError {
        IdentityError(code: .notFound, message: "user \"\(reference)\" does not exist: list users to find its id")
    }
}
