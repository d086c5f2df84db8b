import Foundation
import BerthModel
import BerthRPC

/// `CreateAccessKey`, `ListAccessKeys`, `RevokeAccessKey`.
///
/// A person creates keys for themselves with scopes no wider than their own rights (`AccessKeyScope.isGrantable`);
/// admins (and local admins on the socket) for anyone. Lists never carry secrets; a key's owner may list and
/// revoke their own keys, admins anyone's. Every create and revoke is audited.
struct AccessKeyHandlers: Sendable {
    let keys: any AccessKeyStore
    let users: any UserAdministration
    let audit: AdminAudit
    let now: @Sendable () -> Int64

    func create(_ request: IdentityV1.CreateAccessKeyRequest, caller: Caller) async throws(IdentityError)
        -> IdentityV1.CreateAccessKeyResponse
    {
        guard caller.rights.mayWrite else {
            throw IdentityError(code: .permissionDenied, message: "a read-only key cannot create access keys")
        }
        let name = request.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            throw IdentityError(code: .invalidArgument, message: "access key name is empty or too long: give 1-100 characters")
        }
        guard !request.scopes.isEmpty else {
            throw IdentityError(
                code: .invalidArgument, message: "an access key needs a scope: read-only, admin, scim or team:<name>")
        }
        guard request.expiresInSeconds >= 0 else {
            throw IdentityError(code: .invalidArgument, message: "expiry is negative: give seconds from now, or 0 for never")
        }
        // Bounded so that now + expiry cannot overflow (found by schemathesis through the REST API).
        guard request.expiresInSeconds <= Self.maxExpiresInSeconds else {
            throw IdentityError(
                code: .invalidArgument,
                message: "expiry \(request.expiresInSeconds) s is over 100 years: give fewer seconds, or 0 for never")
        }
        var scopes: [AccessKeyScope] = []
        for text in request.scopes { scopes.append(try AccessKeyScope(parsing: text)) }
        let owner = try owner(request.owner, caller: caller)
        let ownsIt = owner.id == caller.subject
        if !caller.rights.isAdmin {
            guard ownsIt else {
                throw IdentityError(
                    code: .permissionDenied, message: "only admins create access keys for other users: leave owner empty")
            }
            if let wider = scopes.first(where: { !$0.isGrantable(by: caller.rights) }) {
                throw IdentityError(
                    code: .permissionDenied,
                    message: "scope \"\(wider)\" is wider than your own rights: choose read-only or a team:<name> you "
                        + "belong to, or ask an admin")
            }
        }
        let token = try AccessKeyToken.generate()
        let created = now()
        try keys.create(
            StoredAccessKey(
                id: token.id, userID: owner.id, name: name, scopes: scopes.map(\.description),
                secretSHA256: try token.secretDigest().hexString, createdAt: created,
                expiresAt: request.expiresInSeconds == 0 ? 0 : created + request.expiresInSeconds))
        guard let stored = try keys.key(id: token.id) else {
            throw IdentityError(code: .notFound, message: "access key \(token.id) vanished after it was created")
        }
        await audit.record(
            .accessKeyCreated, by: caller, target: AuditV1.Target(kind: "accesskey", name: token.id),
            details: ["owner": owner.username, "name": name, "scopes": stored.scopes.joined(separator: " ")])
        return IdentityV1.CreateAccessKeyResponse(key: stored.record, token: token.text)
    }

    /// 100 years: longer is "never" (0), which says so.
    static let maxExpiresInSeconds: Int64 = 100 * 366 * 86_400

    func list(_ request: IdentityV1.ListAccessKeysRequest, caller: Caller) throws(IdentityError)
        -> IdentityV1.ListAccessKeysResponse
    {
        let userID: String?
        if request.owner == "*" {
            guard caller.rights.isAdmin else {
                throw IdentityError(code: .permissionDenied, message: "only admins list everyone's access keys")
            }
            userID = nil
        } else {
            let owner = try owner(request.owner, caller: caller)
            guard owner.id == caller.subject || caller.rights.isAdmin else {
                throw IdentityError(code: .permissionDenied, message: "only admins list other users' access keys")
            }
            userID = owner.id
        }
        return IdentityV1.ListAccessKeysResponse(
            keys: try keys.keys(userID: userID, includeRevoked: request.includeRevoked).map(\.record))
    }

    func revoke(_ request: IdentityV1.RevokeAccessKeyRequest, caller: Caller) async throws(IdentityError)
        -> IdentityV1.RevokeAccessKeyResponse
    {
        // A stranger's key id answers like an unknown one: ids are not secrets, but whose they are is.
        let notFound = IdentityError(
            code: .notFound, message: "access key \"\(request.id)\" does not exist: list your keys to find its id")
        guard let key = try keys.key(id: request.id) else { throw notFound }
        guard key.userID == caller.subject || caller.rights.isAdmin else { throw notFound }
        guard caller.rights.mayWrite else {
            throw IdentityError(code: .permissionDenied, message: "a read-only key cannot revoke access keys")
        }
        guard let revoked = try keys.revoke(id: key.id, at: now()) else { throw notFound }
        if key.revokedAt == 0 {
            await audit.record(
                .accessKeyRevoked, by: caller, target: AuditV1.Target(kind: "accesskey", name: key.id),
                details: ["owner": key.ownerUsername, "name": key.name])
        }
        return IdentityV1.RevokeAccessKeyResponse(key: revoked.record)
    }

    /// The named owner (subject or username), or the caller when empty.
    private func owner(_ reference: String, caller: Caller) throws(IdentityError) -> User {
        let reference = reference.isEmpty ? caller.subject : reference
        guard !reference.isEmpty else {
            throw IdentityError(
                code: .invalidArgument, message: "you are a local admin without a Berth user: name the key's owner")
        }
        guard let user = try users.find(reference) else {
            throw IdentityError(code: .notFound, message: "user \"\(reference)\" does not exist: give a username or subject")
        }
        return user
    }
}

extension UserAdministration {
    /// A user by subject, else by username (any connector).
    func find(_ reference: String) throws(IdentityError) -> User? {
        if let user = try user(id: reference) { return user }
        return try listUsers(username: reference, query: nil, offset: 0, limit: 1).items.first
    }
}
