import BerthAuditClient
import BerthRPC
import Glibc

/// What a caller of the admin and access-key RPCs may do.
struct CallerRights: Sendable, Equatable {
    /// Everything: any user, group or key.
    var isAdmin: Bool
    /// User and group administration (admins, and keys with the `scim` scope).
    var mayProvision: Bool
    /// False for `read-only` keys: they may list but change nothing.
    var mayWrite: Bool
    /// Groups whose team scope the caller may hand on.
    var groups: Set<String>

    static let localAdmin = CallerRights(isAdmin: true, mayProvision: true, mayWrite: true, groups: [])
}

/// Who is calling an admin or access-key RPC, decided by `CallerResolver`.
struct Caller: Sendable {
    /// The user's subject; "" for a local admin calling without a token.
    let subject: String
    let username: String
    let rights: CallerRights
    /// `peer-credentials`, `id_token` or `access_key:<id>`, for the audit record.
    let authenticatedBy: String
    let source: String

    var auditActor: AuditV1.Actor {
        AuditV1.Actor(subject: subject, username: username, authenticatedBy: authenticatedBy, source: source)
    }
}

/// Decides who calls: the bearer token in the `authorization` metadata (an ID token or an access key) when there
/// is one, which then alone decides (a local admin's socket does not widen a token); otherwise the peer must be
/// a local admin (root, the service's uid, a member of `rpc.adminGroup`). Names in request bodies are never
/// trusted for who is asking.
struct CallerResolver: Sendable {
    let bearer: BearerVerifier
    let adminGroupName: String
    /// Members of this identity group are Berth admins when they call with an ID token.
    let adminUserGroup: String

    func resolve(_ call: RPCCallContext) throws(IdentityError) -> Caller {
        let source = "uid:\(call.peer.uid)"
        guard let header = call.metadata["authorization"] else {
            let isLocalAdmin = call.peer.uid == getuid()
                || WhoAmIHandler(adminGroupName: adminGroupName).answer(for: call.peer).localAdmin
            guard isLocalAdmin else {
                throw IdentityError(
                    code: .invalidToken,
                    message: "no bearer token: log in with `berth login` (or send an access key as "
                        + "`authorization: Bearer <key>`); without one only local admins may call this")
            }
            return Caller(
                subject: "", username: HostAccounts.userName(of: call.peer.uid) ?? source, rights: .localAdmin,
                authenticatedBy: "peer-credentials", source: source)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw IdentityError(
                code: .invalidToken, message: "the authorization metadata is not `Bearer <token>`: send it in that form")
        }
        let verified = try bearer.verify(String(parts[1]), audience: nil)
        if verified.tokenKind == BearerVerifier.accessKeyKind {
            var rights = CallerRights(isAdmin: false, mayProvision: false, mayWrite: true, groups: [])
            for text in verified.scopes {
                switch try? AccessKeyScope(parsing: text) {
                case .admin: rights = .localAdmin
                case .scim: rights.mayProvision = true
                case .readOnly: rights.mayWrite = false
                case .team(let name, _): rights.groups.insert(name)
                case nil: break
                }
            }
            if rights.isAdmin { rights.mayWrite = true }
            let keyID = AccessKeyToken(parsing: String(parts[1]))?.id ?? ""
            return Caller(
                subject: verified.subject, username: verified.username, rights: rights,
                authenticatedBy: "access_key:\(keyID)", source: source)
        }
        let isAdmin = verified.groups.contains(adminUserGroup)
        return Caller(
            subject: verified.subject, username: verified.username,
            rights: CallerRights(isAdmin: isAdmin, mayProvision: isAdmin, mayWrite: true, groups: Set(verified.groups)),
            authenticatedBy: BearerVerifier.idTokenKind, source: source)
    }
}

extension Caller {
    /// What only an admin may do (a local admin, `berth-admins`, or an `admin`-scoped key).
    func requireAdmin(_ what: String) throws(IdentityError) {
        guard rights.isAdmin else {
            throw IdentityError(code: .permissionDenied, message: "\(what) needs an admin (group berth-admins): ask one")
        }
    }

    /// User and group administration: admins, or keys with the `scim` scope; `writes` also refuses read-only keys.
    func requireProvisioning(_ what: String, writes: Bool) throws(IdentityError) {
        guard rights.mayProvision else {
            throw IdentityError(
                code: .permissionDenied,
                message: "\(what) needs an admin (group berth-admins, or a key with scope admin or scim): ask one")
        }
        guard rights.mayWrite || !writes else {
            throw IdentityError(code: .permissionDenied, message: "\(what): a read-only key changes nothing")
        }
    }
}
