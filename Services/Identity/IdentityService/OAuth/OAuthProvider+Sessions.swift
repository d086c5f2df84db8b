import BerthRPC

/// Revocation (RFC 7009), userinfo and logout: the ways a session and its tokens end or are looked at.
extension OAuthProvider {
    /// Revokes a refresh token: its family and its session end (the session belongs to that one client login;
    /// the user's other sessions stay). Unknown tokens and access tokens (JWTs, which expire on their own) are
    /// accepted silently, as RFC 7009 §2.2 asks.
    public func revoke(token: String, clientID: String, clientSecret: String) async throws(IdentityError) {
        let client = try authenticateClient(id: clientID, secret: clientSecret)
        let time = now()
        guard !token.isEmpty, let found = try store.refreshToken(hash: try OAuthSecrets.hash(token)),
            found.clientID == client.id
        else { return }
        try store.revokeFamily(found.familyID, now: time)
        let ended = try sessions.end(id: found.sessionID, now: time)
        await record(
            .tokenRevoked, subject: found.userID, by: "client:\(client.id)",
            target: AuditV1.Target(kind: "session", name: found.sessionID))
        if ended {
            await self.record(
                .sessionEnded, subject: found.userID, by: "client:\(client.id)",
                target: AuditV1.Target(kind: "session", name: found.sessionID), details: ["via": "revocation"])
        }
    }

    /// The claims of a valid access token whose session is still active.
    public func userInfo(accessToken: String) throws(IdentityError) -> IDTokenClaims {
        let claims = try verifyAnyClient(accessToken)
        if let sid = claims.sid {
            guard let session = try sessions.session(id: sid), session.isActive(at: now()) else {
                throw IdentityError(code: .invalidToken, message: "the token's session ended: log in again")
            }
        }
        return claims
    }

    /// RP-initiated logout: ends the session named by the ID token hint (and its refresh tokens). The redirect
    /// is honoured only when registered for the token's client.
    public func logout(idTokenHint: String, postLogoutRedirectURI: String) async throws(IdentityError) -> (
        redirect: String, ended: Bool
    ) {
        guard !idTokenHint.isEmpty else {
            throw .oauth(.invalidRequest, "id_token_hint is missing: send the ID token of the session to end")
        }
        let claims = try verifyAnyClient(idTokenHint)
        var redirect = ""
        if !postLogoutRedirectURI.isEmpty {
            guard clients.client(claims.aud)?.postLogoutRedirectURIs.contains(postLogoutRedirectURI) == true else {
                throw .oauth(
                    .invalidRequest,
                    "post_logout_redirect_uri is not registered for client \(claims.aud): register it or leave it out")
            }
            redirect = postLogoutRedirectURI
        }
        guard let sid = claims.sid else { return (redirect, false) }
        let ended = try sessions.end(id: sid, now: now())
        if ended {
            await record(
                .sessionEnded, subject: claims.sub, username: claims.preferredUsername, by: "client:\(claims.aud)",
                target: AuditV1.Target(kind: "session", name: sid), details: ["via": "logout"])
        }
        return (redirect, ended)
    }

    /// Verifies a token minted for any registered client (userinfo and logout do not know the audience).
    private func verifyAnyClient(_ token: String) throws(IdentityError) -> IDTokenClaims {
        var last = IdentityError(code: .invalidToken, message: "the token is not valid: log in again")
        for id in clients.clients.keys.sorted() {
            do {
                return try issuer.verify(token, audience: id, now: now())
            } catch {
                last = error
            }
        }
        throw last
    }
}
