import BerthRPC

/// `grant_type=refresh_token` with rotation (every refresh returns a new refresh token) and reuse detection:
/// presenting a token that was already rotated revokes the whole family and ends the session (OAuth 2.0 Security
/// BCP §4.14.2). Idle and absolute lifetimes, and the session's own end, bound every token.
extension OAuthProvider {
    func refresh(_ request: IdentityV1.TokenRequest, client: OAuthClient) async throws(IdentityError) -> Tokens {
        try require(.refreshToken, for: client)
        let time = now()
        let hash = try OAuthSecrets.hash(request.refreshToken)
        guard !request.refreshToken.isEmpty, let token = try store.refreshToken(hash: hash) else {
            throw .oauth(.invalidGrant, "the refresh token is unknown: log in again")
        }
        guard token.clientID == client.id else {
            throw .oauth(.invalidGrant, "the refresh token was issued to another client")
        }
        if token.rotatedAt != nil {
            try reuseDetected(token, client: client, at: time)
            await record(
                .tokenReused, subject: token.userID, by: "client:\(client.id)",
                target: AuditV1.Target(kind: "session", name: token.sessionID), outcome: .denied,
                reason: "rotated refresh token presented again: family revoked, session ended")
            throw .oauth(.invalidGrant, "the refresh token was already used: the login was revoked, log in again")
        }
        guard token.revokedAt == nil else {
            throw .oauth(.invalidGrant, "the refresh token was revoked: log in again")
        }
        guard time < token.createdAt + lifetimes.refreshIdle, time < token.familyStartedAt + lifetimes.refreshAbsolute
        else {
            throw .oauth(.invalidGrant, "the refresh token expired: log in again")
        }
        guard let session = try sessions.session(id: token.sessionID), session.isActive(at: time) else {
            throw .oauth(.invalidGrant, "the login session ended: log in again")
        }
        let issued = try issue(
            session: session, client: client, nonce: "", scope: token.scope,
            family: (token.familyID, token.familyStartedAt), at: time)
        guard let next = issued.refresh else {
            throw .oauth(.unauthorizedClient, "client \(client.id) may not use refresh tokens")
        }
        guard try store.rotate(oldHash: hash, to: next, now: time) else {
            // Lost a race with another use of the same token: that is a replay too.
            try reuseDetected(token, client: client, at: time)
            throw .oauth(.invalidGrant, "the refresh token was already used: the login was revoked, log in again")
        }
        await record(
            .tokenRefreshed, subject: issued.user.id, username: issued.user.username, by: "client:\(client.id)",
            target: AuditV1.Target(kind: "session", name: session.id))
        return issued.tokens
    }

    private func reuseDetected(_ token: RefreshTokenRecord, client: OAuthClient, at time: Int64) throws(IdentityError) {
        try store.revokeFamily(token.familyID, now: time)
        try sessions.end(id: token.sessionID, now: time)
        logger.warning(
            "refresh token reused: family revoked",
            metadata: ["client": "\(client.id)", "session": "\(token.sessionID)"])
    }
}
