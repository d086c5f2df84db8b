import BerthRPC

/// Verifies a bearer token of either kind Berth issues, for `VerifyToken` and for the admin RPCs:
/// - an access key (`berth_ak_…`, through `AccessKeyVerifier`; no audience applies);
/// - an ID token (signature, issuer, audience, expiry through `IDTokenIssuer`), which is also refused once its
///   session has ended or its user is deactivated or deleted: ending sessions revokes the tokens minted for them.
public struct BearerVerifier: Sendable {
    let issuer: IDTokenIssuer
    /// `identity.clients`: the audiences an ID token may have when the caller names none (admin RPCs).
    let clientIDs: Set<String>
    let accessKeys: AccessKeyVerifier
    let users: any UserStore
    let sessions: any SessionStore
    let now: @Sendable () -> Int64

    public init(
        issuer: IDTokenIssuer, clientIDs: Set<String>, accessKeys: AccessKeyVerifier, users: any UserStore,
        sessions: any SessionStore, now: @escaping @Sendable () -> Int64
    ) {
        self.issuer = issuer
        self.clientIDs = clientIDs
        self.accessKeys = accessKeys
        self.users = users
        self.sessions = sessions
        self.now = now
    }

    public static let idTokenKind = "id_token"
    public static let accessKeyKind = "access_key"

    /// - Parameter audience: the client id an ID token must be for; nil accepts any of `identity.clients`.
    public func verify(_ token: String, audience: String?) throws(IdentityError) -> IdentityV1.VerifyTokenResponse {
        if AccessKeyToken.looksLikeAccessKey(token) {
            let verified = try accessKeys.verify(token)
            return IdentityV1.VerifyTokenResponse(
                subject: verified.user.id, username: verified.user.username, email: verified.user.email,
                name: verified.user.displayName, groups: verified.user.groups, expiresAtUnix: verified.key.expiresAt,
                tokenKind: Self.accessKeyKind, scopes: verified.key.scopes)
        }
        let claims = try idTokenClaims(token, audience: audience)
        // A token outlives nothing: logout, revocation, refresh-token reuse and deactivation end its session.
        if let sid = claims.sid, try sessions.session(id: sid)?.isActive(at: now()) != true {
            throw IdentityError(
                code: .invalidToken, message: "the token is not valid: its session has ended: log in again",
                detail: "session \(sid) ended")
        }
        guard let user = try users.user(id: claims.sub), !user.disabled else {
            throw IdentityError(
                code: .invalidToken, message: "the token is not valid: its user is deactivated or deleted",
                detail: "user \(claims.sub)")
        }
        return IdentityV1.VerifyTokenResponse(
            subject: claims.sub, username: claims.preferredUsername, email: claims.email, name: claims.name,
            groups: claims.groups, expiresAtUnix: claims.exp, authTimeUnix: claims.authTime,
            sessionId: claims.sid ?? "", tokenKind: Self.idTokenKind)
    }

    private func idTokenClaims(_ token: String, audience: String?) throws(IdentityError) -> IDTokenClaims {
        if let audience { return try issuer.verify(token, audience: audience, now: now()) }
        var last = IdentityError(code: .invalidToken, message: "the token is not valid: no client is registered")
        for client in clientIDs.sorted() {
            do {
                return try issuer.verify(token, audience: client, now: now())
            } catch {
                last = error
            }
        }
        throw last
    }
}
