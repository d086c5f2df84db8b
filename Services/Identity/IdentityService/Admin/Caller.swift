import BerthAuditClient
import BerthRPC
import BerthRuntime

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

/// Decides who calls, the one way every service does (`PrincipalResolver`): the bearer token in the
/// `authorization` metadata (an ID token or an access key) when there is one, which then alone decides (a local
/// admin's socket does not widen a token); otherwise the peer must be a local admin (root, the service's uid, a
/// member of `rpc.adminGroup`). Identity checks tokens in-process (`BearerVerifier`, through
/// `LocalTokenVerifier`) instead of over its own socket. Names in request bodies are never trusted.
struct CallerResolver: Sendable {
    let principals: PrincipalResolver

    init(bearer: BearerVerifier, adminGroupName: String) {
        principals = PrincipalResolver(adminGroup: adminGroupName, verifier: LocalTokenVerifier(bearer: bearer))
    }

    func resolve(_ call: RPCCallContext) async throws(IdentityError) -> Caller {
        let principal: Principal
        do {
            principal = try await principals.principal(of: call)
        } catch {
            let code: IdentityError.Code =
                switch error.code {
                case .permissionDenied: .permissionDenied
                case .unavailable: .storage
                default: .invalidToken
                }
            throw IdentityError(code: code, message: error.message)
        }
        let local = principal.authenticatedBy == "peer-credentials"
        let keyID = BearerToken.from(metadata: call.metadata).flatMap(AccessKeyToken.init(parsing:))?.id ?? ""
        return Caller(
            // A local admin has no Berth user: "" keeps "the caller's own" from meaning a Unix account.
            subject: local ? "" : principal.subject, username: principal.username, rights: CallerRights(principal),
            authenticatedBy: local
                ? "peer-credentials" : principal.keyScopes == nil ? BearerVerifier.idTokenKind : "access_key:\(keyID)",
            source: "uid:\(call.peer.uid)")
    }
}

extension CallerRights {
    /// What a principal may do in identity's administration. A key is never wider than its owner: it is an admin
    /// only when its owner still is one *and* it has the `admin` scope (`Principal`); `scim` adds user and group
    /// provisioning; `read-only` takes writes away; `team:<name>` scopes are the teams it may hand on.
    init(_ principal: Principal) {
        guard let scopes = principal.keyScopes else {
            self.init(
                isAdmin: principal.isAdmin, mayProvision: principal.isAdmin, mayWrite: true, groups: principal.groups)
            return
        }
        self.init(
            isAdmin: principal.isAdmin, mayProvision: principal.isAdmin || scopes.contains("scim"),
            mayWrite: principal.isAdmin || !scopes.contains("read-only"), groups: principal.scopedTeams ?? [])
    }
}

/// `TokenVerifier` for identity itself: the same checks `VerifyToken` runs, in-process.
struct LocalTokenVerifier: TokenVerifier {
    let bearer: BearerVerifier

    func verify(_ token: String) async throws(RPCClientError) -> IdentityV1.VerifyTokenResponse {
        do {
            return try bearer.verify(token, audience: nil)
        } catch {
            // A refused token is `unauthenticated`; identity failing to read its own database is not the token's
            // fault and stays `unavailable`, as it was before the shared resolver.
            throw RPCClientError(code: error.code == .invalidToken ? .unauthenticated : .unavailable, message: error.message)
        }
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
